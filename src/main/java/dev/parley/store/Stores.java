package dev.parley.store;

import dev.parley.chat.UserStore;
import dev.parley.chat.MessageStore;
import dev.parley.chat.RoomStore;
import dev.parley.chat.ReadMarkStore;
import dev.parley.chat.PresenceStore;
import dev.parley.chat.SessionStore;

/** Every store of one database, ready to hand to the services. */
public record Stores(UserStore users, RoomStore rooms, MessageStore messages, SessionStore sessions, ReadMarkStore readMarks, PresenceStore presence) {}
