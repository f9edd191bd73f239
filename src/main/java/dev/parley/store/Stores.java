package dev.parley.store;

import dev.parley.chat.AuditStore;
import dev.parley.chat.BotTokenStore;
import dev.parley.chat.DefaultRoomStore;
import dev.parley.chat.FileStore;
import dev.parley.chat.InviteStore;
import dev.parley.chat.MessageStore;
import dev.parley.chat.PresenceStore;
import dev.parley.chat.ReadMarkStore;
import dev.parley.chat.RoomStore;
import dev.parley.chat.SearchIndex;
import dev.parley.chat.SessionStore;
import dev.parley.chat.SettingStore;
import dev.parley.chat.UserStore;
import dev.parley.chat.WebhookStore;

/** Every store of one database, ready to hand to the services. */
public record Stores(
        UserStore users,
        RoomStore rooms,
        MessageStore messages,
        SessionStore sessions,
        ReadMarkStore readMarks,
        PresenceStore presence,
        Team team,
        SearchIndex search,
        FileStore files) {

    /** What running Parley for a team keeps: admin settings, invite links, default rooms, the audit log, bots' tokens and webhooks. */
    public record Team(
            SettingStore settings,
            InviteStore invites,
            DefaultRoomStore defaultRooms,
            AuditStore audit,
            BotTokenStore botTokens,
            WebhookStore webhooks) {}
}
