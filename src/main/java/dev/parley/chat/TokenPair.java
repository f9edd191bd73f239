package dev.parley.chat;

import dev.parley.auth.Principal;

/**
 * What a sign-in or refresh hands out. {@code refreshToken} is null when a concurrent request of
 * the same client already rotated the presented one: the client keeps the token it got there.
 */
public record TokenPair(Principal principal, String accessToken, String refreshToken, long expiresInSeconds) {}
