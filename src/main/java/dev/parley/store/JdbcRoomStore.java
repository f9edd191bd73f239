package dev.parley.store;

import dev.parley.chat.DuplicateException;
import dev.parley.chat.Room;
import dev.parley.chat.RoomKind;
import dev.parley.chat.RoomListing;
import dev.parley.chat.RoomStore;
import dev.parley.chat.UserRef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

final class JdbcRoomStore implements RoomStore {

    private static final String COLUMNS = "r.id, r.name, r.is_private, r.kind, r.owner_id, r.last_seq, r.created_at";

    // One row per room the viewer may see. The peer of a direct room comes from the room itself,
    // so it is still named after the peer leaves.
    private static final String VISIBLE = "SELECT " + COLUMNS + ", m.user_id IS NOT NULL AS member,"
            + " CASE WHEN m.user_id IS NULL THEN 0 ELSE (SELECT COUNT(*) FROM messages x"
            + "   WHERE x.room_id = r.id AND x.seq > COALESCE(rm.seq, 0) AND x.user_id <> ?) END AS unread,"
            + " p.id AS peer_id, p.username AS peer_name, p.display_name AS peer_display_name"
            + " FROM rooms r"
            + " LEFT JOIN memberships m ON m.room_id = r.id AND m.user_id = ?"
            + " LEFT JOIN read_marks rm ON rm.room_id = r.id AND rm.user_id = ?"
            + " LEFT JOIN users p ON p.id = CASE WHEN r.direct_low = ? THEN r.direct_high ELSE r.direct_low END"
            + " WHERE (r.kind = 'channel' AND r.is_private = FALSE) OR m.user_id IS NOT NULL"
            + " ORDER BY CASE r.kind WHEN 'channel' THEN 0 WHEN 'direct' THEN 1 ELSE 2 END,"
            + " COALESCE(r.name_key, p.username_key, r.member_key), r.id";

    // The other people of each group the viewer is in, for naming the groups in their list.
    private static final String GROUP_PEERS = "SELECT theirs.room_id, u.id, u.username, u.display_name"
            + " FROM memberships mine"
            + " JOIN rooms r ON r.id = mine.room_id AND r.kind = 'group'"
            + " JOIN memberships theirs ON theirs.room_id = mine.room_id AND theirs.user_id <> mine.user_id"
            + " JOIN users u ON u.id = theirs.user_id"
            + " WHERE mine.user_id = ? ORDER BY u.username_key, u.id";

    // The same rooms without unread counts (0): what search scopes itself to, on every query.
    private static final String READABLE = "SELECT " + COLUMNS + ", m.user_id IS NOT NULL AS member, 0 AS unread,"
            + " p.id AS peer_id, p.username AS peer_name, p.display_name AS peer_display_name"
            + " FROM rooms r"
            + " LEFT JOIN memberships m ON m.room_id = r.id AND m.user_id = ?"
            + " LEFT JOIN users p ON p.id = CASE WHEN r.direct_low = ? THEN r.direct_high ELSE r.direct_low END"
            + " WHERE (r.kind = 'channel' AND r.is_private = FALSE) OR m.user_id IS NOT NULL";

    private final Jdbc jdbc;
    private final Clock clock;

    JdbcRoomStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Room createChannel(String name, boolean isPrivate, long ownerId) {
        Instant now = clock.instant();
        return jdbc.tx(c -> {
            Room room = Jdbc.one(
                            c,
                            "INSERT INTO rooms (kind, name, name_key, is_private, owner_id, created_at)"
                                    + " VALUES ('channel', ?, ?, ?, ?, ?) RETURNING " + COLUMNS.replace("r.", ""),
                            JdbcRoomStore::room,
                            name,
                            nameKey(name, isPrivate, ownerId),
                            isPrivate,
                            ownerId,
                            now)
                    .orElseThrow();
            join(c, room.id(), ownerId, now);
            return room;
        });
    }

    /**
     * The unique key of a channel's name: the lower-cased name for a public room; for a private
     * one, the lower-cased name, U+0001 and the owner's id, so that private names collide only
     * within their owner's own rooms and never with a name someone else picks. (No name holds
     * U+0001: control characters were always refused. The key still sorts by name.)
     */
    static String nameKey(String name, boolean isPrivate, long ownerId) {
        String lower = name.toLowerCase(Locale.ROOT);
        return isPrivate ? lower + '\u0001' + ownerId : lower;
    }

    @Override
    public int countChannelsOwnedBy(long ownerId) {
        return jdbc.one(
                        "SELECT COUNT(*) FROM rooms WHERE kind = 'channel' AND owner_id = ?",
                        rs -> rs.getInt(1),
                        ownerId)
                .orElse(0);
    }

    @Override
    public Room directRoom(long userA, long userB) {
        if (userA == userB) {
            throw new IllegalArgumentException("a direct room needs two distinct users, got " + userA + " twice");
        }
        long low = Math.min(userA, userB);
        long high = Math.max(userA, userB);
        Optional<Room> existing = findDirect(userA, userB);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        try {
            return jdbc.tx(c -> {
                Room room = Jdbc.one(
                                c,
                                "INSERT INTO rooms (kind, is_private, direct_low, direct_high, created_at)"
                                        + " VALUES ('direct', TRUE, ?, ?, ?) RETURNING " + COLUMNS.replace("r.", ""),
                                JdbcRoomStore::room,
                                low,
                                high,
                                now)
                        .orElseThrow();
                join(c, room.id(), low, now);
                join(c, room.id(), high, now);
                return room;
            });
        } catch (DuplicateException raced) {
            return findDirect(userA, userB).orElseThrow(() -> raced);
        }
    }

    @Override
    public Optional<Room> findDirect(long userA, long userB) {
        return jdbc.one(
                "SELECT " + COLUMNS + " FROM rooms r WHERE r.direct_low = ? AND r.direct_high = ?",
                JdbcRoomStore::room,
                Math.min(userA, userB),
                Math.max(userA, userB));
    }

    @Override
    public Opened groupRoom(Collection<Long> memberIds) {
        String key = groupKey(memberIds);
        if (key.split(",").length < 3) {
            throw new IllegalArgumentException("a group needs three distinct users, got " + memberIds);
        }
        Optional<Room> existing = findGroup(key);
        if (existing.isPresent()) return new Opened(existing.get(), false);
        Instant now = clock.instant();
        try {
            return new Opened(
                    jdbc.tx(c -> {
                        Room room = Jdbc.one(
                                        c,
                                        "INSERT INTO rooms (kind, is_private, member_key, created_at)"
                                                + " VALUES ('group', TRUE, ?, ?) RETURNING "
                                                + COLUMNS.replace("r.", ""),
                                        JdbcRoomStore::room,
                                        key,
                                        now)
                                .orElseThrow();
                        for (long id : new TreeSet<>(memberIds)) join(c, room.id(), id, now);
                        return room;
                    }),
                    true);
        } catch (DuplicateException raced) {
            return new Opened(findGroup(key).orElseThrow(() -> raced), false);
        }
    }

    /** The ids of a group's people, sorted and without repeats, joined by commas: the same for the same people. */
    static String groupKey(Collection<Long> memberIds) {
        return new TreeSet<>(memberIds).stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    @Override
    public Optional<Room> findGroup(Collection<Long> memberIds) {
        return findGroup(groupKey(memberIds));
    }

    private Optional<Room> findGroup(String key) {
        return jdbc.one("SELECT " + COLUMNS + " FROM rooms r WHERE r.member_key = ?", JdbcRoomStore::room, key);
    }

    @Override
    public List<Room> all() {
        return jdbc.list("SELECT " + COLUMNS + " FROM rooms r ORDER BY r.id", JdbcRoomStore::room);
    }

    @Override
    public Optional<Room> find(long roomId) {
        return jdbc.one("SELECT " + COLUMNS + " FROM rooms r WHERE r.id = ?", JdbcRoomStore::room, roomId);
    }

    @Override
    public Optional<RoomAndMember> findFor(long roomId, long userId) {
        return jdbc.one(
                "SELECT " + COLUMNS + ", m.user_id IS NOT NULL AS member FROM rooms r"
                        + " LEFT JOIN memberships m ON m.room_id = r.id AND m.user_id = ? WHERE r.id = ?",
                rs -> new RoomAndMember(room(rs), rs.getBoolean("member")),
                userId,
                roomId);
    }

    @Override
    public List<RoomListing> visibleTo(long userId) {
        return withGroupPeers(userId, jdbc.list(VISIBLE, JdbcRoomStore::listing, userId, userId, userId, userId));
    }

    @Override
    public List<RoomListing> readableBy(long userId) {
        return withGroupPeers(userId, jdbc.list(READABLE, JdbcRoomStore::listing, userId, userId));
    }

    private static RoomListing listing(ResultSet rs) throws SQLException {
        long peerId = rs.getLong("peer_id");
        UserRef peer =
                rs.wasNull() ? null : new UserRef(peerId, rs.getString("peer_name"), rs.getString("peer_display_name"));
        return new RoomListing(room(rs), rs.getBoolean("member"), rs.getLong("unread"), peer);
    }

    /** The listings, each group with its other people; one more read, and only when the viewer is in a group. */
    private List<RoomListing> withGroupPeers(long userId, List<RoomListing> listed) {
        if (listed.stream().noneMatch(l -> l.room().isGroup())) return listed;
        var peers = new HashMap<Long, List<UserRef>>();
        jdbc.list(
                GROUP_PEERS,
                rs -> peers.computeIfAbsent(rs.getLong("room_id"), k -> new ArrayList<>())
                        .add(user(rs)),
                userId);
        return listed.stream()
                .map(l -> l.room().isGroup()
                        ? new RoomListing(
                                l.room(),
                                l.member(),
                                l.unread(),
                                null,
                                peers.getOrDefault(l.room().id(), List.of()))
                        : l)
                .toList();
    }

    private static UserRef user(ResultSet rs) throws SQLException {
        return new UserRef(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"));
    }

    @Override
    public boolean addMember(long roomId, long userId) {
        return jdbc.run(c -> join(c, roomId, userId, clock.instant()));
    }

    @Override
    public boolean removeMember(long roomId, long userId) {
        return jdbc.update("DELETE FROM memberships WHERE room_id = ? AND user_id = ?", roomId, userId) == 1;
    }

    @Override
    public boolean isMember(long roomId, long userId) {
        return jdbc.one("SELECT 1 FROM memberships WHERE room_id = ? AND user_id = ?", rs -> true, roomId, userId)
                .isPresent();
    }

    @Override
    public List<UserRef> members(long roomId) {
        return jdbc.list(
                "SELECT u.id, u.username, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id"
                        + " WHERE m.room_id = ? ORDER BY u.username_key, u.id",
                JdbcRoomStore::user,
                roomId);
    }

    @Override
    public List<Long> roomIdsOf(long userId) {
        return jdbc.list(
                "SELECT room_id FROM memberships WHERE user_id = ? ORDER BY room_id", rs -> rs.getLong(1), userId);
    }

    @Override
    public java.util.Map<Long, Long> lastSeqs(java.util.Collection<Long> roomIds) {
        var seqs = new java.util.HashMap<Long, Long>();
        if (roomIds.isEmpty()) return seqs;
        String marks = String.join(",", java.util.Collections.nCopies(roomIds.size(), "?"));
        jdbc.list(
                "SELECT id, last_seq FROM rooms WHERE id IN (" + marks + ")",
                rs -> seqs.put(rs.getLong("id"), rs.getLong("last_seq")),
                roomIds.toArray());
        return seqs;
    }

    @Override
    public List<UserRef> roomMates(long userId) {
        return jdbc.list(
                "SELECT DISTINCT u.id, u.username, u.display_name, u.username_key FROM memberships mine"
                        + " JOIN memberships theirs ON theirs.room_id = mine.room_id AND theirs.user_id <> mine.user_id"
                        + " JOIN users u ON u.id = theirs.user_id"
                        + " WHERE mine.user_id = ? ORDER BY u.username_key, u.id",
                JdbcRoomStore::user,
                userId);
    }

    private static boolean join(Connection c, long roomId, long userId, Instant now) throws SQLException {
        return Jdbc.update(
                        c,
                        "INSERT INTO memberships (room_id, user_id, joined_at) VALUES (?, ?, ?)"
                                + " ON CONFLICT (room_id, user_id) DO NOTHING",
                        roomId,
                        userId,
                        now)
                == 1;
    }

    static Room room(ResultSet rs) throws SQLException {
        return new Room(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getBoolean("is_private"),
                RoomKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                Jdbc.nullableLong(rs, "owner_id"),
                rs.getLong("last_seq"),
                Jdbc.instant(rs, "created_at"));
    }
}
