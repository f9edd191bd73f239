package dev.parley.auth;

/** Who is calling, as proven by a verified access token. */
public record Principal(long userId, String username, boolean admin, String sessionId) {}
