package dev.parley.store;

/** Every store of one database, ready to hand to the services. */
public record Stores(UserStore users, RoomStore rooms, MessageStore messages, SessionStore sessions, ReadMarkStore readMarks, PresenceStore presence) {}
