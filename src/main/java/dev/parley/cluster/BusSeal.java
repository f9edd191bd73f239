package dev.parley.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates what instances publish to each other: each bus message is {@code <tag> <text>},
 * the tag an HMAC-SHA256 of the channel name and the text under a key every instance shares.
 * Whoever can publish on Redis but does not hold the key cannot make an instance act on a
 * message; the key is derived from {@code JWT_SECRET} (which every instance of a cluster must
 * share anyway) with a label of its own, so a bus tag is never a valid token signature.
 *
 * <p>It does not hide the text (Redis reads it) and does not stop a replay of a genuine message:
 * messages are deduplicated by their seq, and other events describe a state that the next
 * genuine one replaces.
 */
final class BusSeal {

    private static final String ALGORITHM = "HmacSHA256";
    /** Distinguishes the bus key from the token key derived from the same secret. */
    private static final byte[] LABEL = "parley bus v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final byte[] channel;

    private BusSeal(byte[] key, String channel) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.channel = (channel + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The seal of {@code channel}, keyed from the cluster's shared secret. */
    static BusSeal forChannel(byte[] sharedSecret, String channel) {
        if (sharedSecret.length < 32)
            throw new IllegalArgumentException("the bus key needs a secret of at least 32 bytes");
        return new BusSeal(hmac(new SecretKeySpec(sharedSecret, ALGORITHM), LABEL), channel);
    }

    String seal(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(tag(text)) + " " + text;
    }

    /** The text of a message whose tag is right; empty for anything else (no tag, another key, altered text). */
    Optional<String> open(String sealed) {
        int space = sealed.indexOf(' ');
        if (space <= 0) return Optional.empty();
        byte[] claimed;
        try {
            claimed = Base64.getUrlDecoder().decode(sealed.substring(0, space));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String text = sealed.substring(space + 1);
        // Compared in constant time, so a publisher cannot learn the tag a byte at a time.
        return MessageDigest.isEqual(claimed, tag(text)) ? Optional.of(text) : Optional.empty();
    }

    private byte[] tag(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(channel);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
