package dev.parley.chat;

import java.security.SecureRandom;

/** Passwords an admin hands on by voice or chat: random, and free of look-alike characters. */
final class TemporaryPassword {

    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int LENGTH = 14;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TemporaryPassword() {}

    static String generate() {
        var out = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return out.toString();
    }
}
