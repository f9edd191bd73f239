package dev.parley.bench.target;

/** A user of the benchmark: its index in the layout, its server-side id and name, and the token its sockets present. */
public record Member(int user, long userId, String name, String token) {}
