package dev.parley.chat;

import java.security.SecureRandom;
import java.util.Base64;

/** Random tokens handed out once (invite links, API tokens) and kept only as hashes. */
final class SecretTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {}

    /** 24 random bytes, URL-safe, after a prefix that says what the token is for ({@code inv_}, {@code pbt_}). */
    static String generate(String prefix) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What is stored: SHA-256, as for refresh tokens. The tokens are random, so no salt or slow hash is needed. */
    static String hash(String token) {
        return Sessions.hash(token);
    }
}
