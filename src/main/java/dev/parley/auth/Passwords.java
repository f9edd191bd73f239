package dev.parley.auth;

import com.password4j.Password;

/** Argon2id password hashing, a bounded number at a time ({@link HashingGate}); parameters live in psw4j.properties. */
public final class Passwords {

    private final HashingGate gate;
    /** Verified against when the username is unknown, so that a miss costs as long as a hit. */
    private final String decoy = argon2("decoy password, never a real one");

    public Passwords(HashingGate gate) {
        this.gate = gate;
    }

    /** @throws HashingGate.Busy when as many hashes as allowed are running and waiting */
    public String hash(String password) {
        return gate.run(() -> argon2(password));
    }

    /** @throws HashingGate.Busy when as many hashes as allowed are running and waiting */
    public boolean matches(String password, String hash) {
        return gate.run(() -> Password.check(password, hash).withArgon2());
    }

    /** @throws HashingGate.Busy when as many hashes as allowed are running and waiting */
    public void burnTimeOfOneCheck(String password) {
        matches(password, decoy);
    }

    private static String argon2(String password) {
        return Password.hash(password).addRandomSalt().withArgon2().getResult();
    }
}
