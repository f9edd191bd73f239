package dev.parley.chat;

/**
 * A channel has a name and many members; a direct room belongs to exactly two people; a group is a
 * direct conversation of three to eight people, one per set of people. Direct rooms and groups
 * have fixed members: nobody joins, leaves or is added to them.
 */
public enum RoomKind {
    CHANNEL,
    DIRECT,
    GROUP
}
