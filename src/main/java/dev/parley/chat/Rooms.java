package dev.parley.chat;

import dev.parley.auth.Principal;
import dev.parley.chat.ChatEvent.MemberJoined;
import dev.parley.chat.ChatEvent.MemberLeft;
import dev.parley.chat.RoomStore.RoomAndMember;
import java.util.List;

/**
 * Rooms as people use them. A private room a person is not in does not exist for them: every
 * refusal to show one is a not-found, never a forbidden, so its name and existence stay secret.
 */
public final class Rooms {

    static final int MAX_NAME = 64;

    private final RoomStore rooms;
    private final Accounts accounts;
    private final Typing typing;
    private final EventBus bus;
    private final Quotas quotas;

    public Rooms(RoomStore rooms, Accounts accounts, Typing typing, EventBus bus, Quotas quotas) {
        this.rooms = rooms;
        this.accounts = accounts;
        this.typing = typing;
        this.bus = bus;
        this.quotas = quotas;
    }

    public List<RoomListing> listFor(Principal viewer) {
        return rooms.visibleTo(viewer.userId());
    }

    /** The rooms the viewer may read (public channels and their own), without unread counts. */
    public List<RoomListing> readableBy(Principal viewer) {
        return rooms.readableBy(viewer.userId());
    }

    /**
     * A new channel. Its name must not be, or look like, the name of a room the owner can see
     * (public channels and their own rooms); private rooms they cannot see are not compared, so
     * that creating a room never tells anyone a private room's name.
     */
    public Room create(Principal owner, String name, boolean isPrivate) {
        String clean = checkName(name);
        int most = quotas.limits().roomsPerPerson();
        // Counted before the insert: two racing creations may both pass, which costs one room, not a flood.
        if (rooms.countChannelsOwnedBy(owner.userId()) >= most) {
            throw new ChatException(
                    ErrorCode.FORBIDDEN, "name", "You own " + most + " rooms, the most one person may; ask an admin.");
        }
        var seen = rooms.visibleTo(owner.userId()).stream()
                .map(RoomListing::room)
                .filter(r -> !r.isDirect())
                .map(Room::name)
                .toList();
        ConfusableNames.lookAlike(clean, seen).ifPresent(taken -> {
            throw new ChatException(
                    ErrorCode.CONFLICT, "name", "A room named \"" + taken + "\" exists, and this name looks the same.");
        });
        quotas.createRoom(owner.userId());
        try {
            Room room = rooms.createChannel(clean, isPrivate, owner.userId());
            bus.publish(new MemberJoined(room.id(), UserRef.of(owner)));
            return room;
        } catch (DuplicateException e) {
            throw new ChatException(ErrorCode.CONFLICT, "name", "A room with that name exists.");
        }
    }

    /** A room the viewer may see: public channels, and rooms they are in. */
    public Room visible(Principal viewer, long roomId) {
        return seen(viewer, roomId).room();
    }

    /** Whether the viewer may see the room: {@link #visible} without the refusal. */
    public boolean isVisible(Principal viewer, long roomId) {
        return rooms.findFor(roomId, viewer.userId()).filter(Rooms::visible).isPresent();
    }

    /** A room the viewer is a member of; a visible room they have not joined is {@code not_member}. */
    public Room joined(Principal viewer, long roomId) {
        return joined(rooms, viewer, roomId);
    }

    /** The same check for services that need membership but not the rest of {@code Rooms} ({@link Typing}). */
    static Room joined(RoomStore rooms, Principal viewer, long roomId) {
        RoomAndMember seen = seen(rooms, viewer, roomId);
        if (!seen.member()) throw new ChatException(ErrorCode.NOT_MEMBER, "Join the room first.");
        return seen.room();
    }

    private RoomAndMember seen(Principal viewer, long roomId) {
        return seen(rooms, viewer, roomId);
    }

    /** The room as the viewer may see it, in one read; a private room they are not in is as missing as no room. */
    private static RoomAndMember seen(RoomStore rooms, Principal viewer, long roomId) {
        return rooms.findFor(roomId, viewer.userId())
                .filter(Rooms::visible)
                .orElseThrow(() -> ChatException.notFound("room"));
    }

    private static boolean visible(RoomAndMember seen) {
        return !seen.room().isPrivate() || seen.member();
    }

    /** The seq of the room's newest message, for delivery bookkeeping; 0 for an unknown room. */
    long lastSeq(long roomId) {
        return rooms.find(roomId).map(Room::lastSeq).orElse(0L);
    }

    java.util.Map<Long, Long> lastSeqs(java.util.Collection<Long> roomIds) {
        return rooms.lastSeqs(roomIds);
    }

    /** The rooms a user is in: what their sockets follow, and whom their presence reaches. */
    public List<Long> roomIdsOf(long userId) {
        return rooms.roomIdsOf(userId);
    }

    public List<UserRef> roomMates(long userId) {
        return rooms.roomMates(userId);
    }

    public boolean isMember(Principal viewer, long roomId) {
        return rooms.isMember(roomId, viewer.userId());
    }

    public List<UserRef> members(Principal viewer, long roomId) {
        visible(viewer, roomId);
        return rooms.members(roomId);
    }

    /** Joins a public channel; private and direct rooms are entered only by invitation. */
    public Room join(Principal viewer, long roomId) {
        RoomAndMember seen = seen(viewer, roomId);
        Room room = seen.room();
        if (room.isPrivate() || room.isDirect() || seen.member()) return room;
        quotas.join(viewer.userId());
        if (rooms.addMember(roomId, viewer.userId())) bus.publish(new MemberJoined(roomId, UserRef.of(viewer)));
        return room;
    }

    public void leave(Principal viewer, long roomId) {
        Room room = joined(viewer, roomId);
        if (room.isDirect()) throw new ChatException(ErrorCode.FORBIDDEN, "A direct conversation cannot be left.");
        if (rooms.removeMember(roomId, viewer.userId())) {
            // Here, once, rather than by every instance that hears of the leave.
            typing.stopped(viewer, roomId);
            bus.publish(new MemberLeft(roomId, UserRef.of(viewer)));
        }
    }

    /** The owner of a room, or an admin who is in it, adds someone to it. Admin rights are read fresh, not from the token. */
    public UserRef addMember(Principal actor, long roomId, String username) {
        Room room = joined(actor, roomId);
        if (room.isDirect())
            throw new ChatException(ErrorCode.FORBIDDEN, "The people of a direct conversation are fixed.");
        if (!mayAddMembers(actor, room))
            throw new ChatException(ErrorCode.FORBIDDEN, "Only the room's owner or an admin can add people.");
        Account added = accounts.byUsername(username);
        if (rooms.addMember(roomId, added.id())) bus.publish(new MemberJoined(roomId, added.ref()));
        return added.ref();
    }

    /** Whether the actor, a member, may add people: the room's owner, or an admin. */
    public boolean mayAddMembers(Principal actor, Room room) {
        boolean owner = room.ownerId() != null && room.ownerId() == actor.userId();
        return !room.isDirect() && (owner || accounts.byId(actor.userId()).admin());
    }

    public Room direct(Principal viewer, String username) {
        Account peer = accounts.byUsername(username);
        if (peer.id() == viewer.userId()) throw ChatException.invalid("username", "Pick someone other than yourself.");
        boolean isNew = rooms.findDirect(viewer.userId(), peer.id()).isEmpty();
        if (isNew) quotas.createRoom(viewer.userId());
        Room room = rooms.directRoom(viewer.userId(), peer.id());
        if (isNew) {
            // Both people's open sockets start receiving the new conversation.
            bus.publish(new MemberJoined(room.id(), UserRef.of(viewer)));
            bus.publish(new MemberJoined(room.id(), peer.ref()));
        }
        return room;
    }

    /** The fewest and most people a group conversation has, its starter included. */
    public static final int GROUP_MIN = 3, GROUP_MAX = 8;

    /**
     * The group conversation of the viewer and the people named, created on first use: the same
     * people always get the same conversation, whoever starts it and in whatever order. Names
     * may repeat and may include the viewer's own.
     */
    public RoomStore.Opened group(Principal viewer, java.util.Collection<String> usernames) {
        var names = new java.util.TreeSet<String>();
        for (String u : usernames == null ? List.<String>of() : usernames) {
            if (u != null && !u.isBlank()) names.add(u.trim().toLowerCase(java.util.Locale.ROOT));
        }
        names.remove(viewer.username().toLowerCase(java.util.Locale.ROOT));
        if (names.size() < GROUP_MIN - 1)
            throw ChatException.invalid(
                    "usernames",
                    "Name at least " + (GROUP_MIN - 1) + " other people: a group has " + GROUP_MIN + " to " + GROUP_MAX
                            + " people, you included. For one other person, open a direct message.");
        if (names.size() > GROUP_MAX - 1)
            throw ChatException.invalid(
                    "usernames",
                    "At most " + (GROUP_MAX - 1) + " other people: a group has " + GROUP_MIN + " to " + GROUP_MAX
                            + " people, you included.");
        var people = new java.util.ArrayList<Account>();
        for (String name : names) {
            Account a = accounts.findByUsername(name)
                    .orElseThrow(() ->
                            new ChatException(ErrorCode.NOT_FOUND, "usernames", "Nobody is called \"" + name + "\"."));
            if (a.deactivated())
                throw new ChatException(
                        ErrorCode.FORBIDDEN, "usernames", a.username() + " has been deactivated and cannot be added.");
            people.add(a);
        }
        var ids = new java.util.ArrayList<Long>(List.of(viewer.userId()));
        people.forEach(a -> ids.add(a.id()));
        // Only a new conversation counts against the allowance; opening one again is free.
        if (rooms.findGroup(ids).isEmpty()) quotas.createRoom(viewer.userId());
        RoomStore.Opened opened = rooms.groupRoom(ids);
        if (opened.created()) {
            // Everyone's open sockets start receiving the new conversation.
            bus.publish(new MemberJoined(opened.room().id(), UserRef.of(viewer)));
            people.forEach(a -> bus.publish(new MemberJoined(opened.room().id(), a.ref())));
        }
        return opened;
    }

    static String checkName(String name) {
        if (name == null || name.isBlank()) throw ChatException.invalid("name", "Give the room a name.");
        String clean = name.strip().replaceAll("\\s+", " ");
        if (clean.length() > MAX_NAME) throw ChatException.invalid("name", "At most " + MAX_NAME + " characters.");
        return TextRules.label(clean, "name");
    }
}
