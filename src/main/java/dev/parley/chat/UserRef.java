package dev.parley.chat;

/** The public face of a user: what other people see next to a message or in a member list. */
public record UserRef(long id, String username) {}
