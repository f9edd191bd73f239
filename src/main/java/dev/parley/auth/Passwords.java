package dev.parley.auth;

import com.password4j.Password;

/** Argon2id password hashing; parameters live in psw4j.properties. */
public final class Passwords {

    /** Verified against when the username is unknown, so that a miss costs as long as a hit. */
    private final String decoy = hash("decoy password, never a real one");

    public String hash(String password) {
        return Password.hash(password).addRandomSalt().withArgon2().getResult();
    }

    public boolean matches(String password, String hash) {
        return Password.check(password, hash).withArgon2();
    }

    public void burnTimeOfOneCheck(String password) {
        matches(password, decoy);
    }
}
