package dev.parley.chat;

import java.util.List;
import java.util.Optional;

/** Rooms and who is in them. Every method is atomic on its own. */
public interface RoomStore {

    /**
     * Creates a channel with its owner as first member, in one transaction.
     *
     * @throws DuplicateException when a public channel of that name exists, or, for a private one, a
     *     private channel of that name with the same owner (names are compared regardless of case)
     */
    Room createChannel(String name, boolean isPrivate, long ownerId);

    /** How many channels, public or private, the user owns. */
    int countChannelsOwnedBy(long ownerId);

    /** The direct room of two distinct users, created with both as members on first use; one per pair. */
    Room directRoom(long userA, long userB);

    /**
     * The group conversation of exactly these people (three or more distinct ids), created with
     * all of them as members on first use. One per set of people, whatever the order of the ids,
     * even when two creations race: the loser finds the winner's room.
     */
    Opened groupRoom(java.util.Collection<Long> memberIds);

    /** The group conversation of exactly these people, if they have one. */
    Optional<Room> findGroup(java.util.Collection<Long> memberIds);

    /** A room, and whether this call made it. */
    record Opened(Room room, boolean created) {}

    Optional<Room> find(long roomId);

    /** Every room, oldest first: for an admin's export of everything. */
    List<Room> all();

    /** A room and whether the user is a member of it, in one read: what every authorization asks. */
    Optional<RoomAndMember> findFor(long roomId, long userId);

    record RoomAndMember(Room room, boolean member) {}

    /** The direct room of two users, if they have one. */
    Optional<Room> findDirect(long userA, long userB);

    /** Public channels, plus every room the user is a member of, with unread counts; ordered by name. */
    List<RoomListing> visibleTo(long userId);

    /** The rooms of {@link #visibleTo} in no particular order, with every unread count 0: cheap enough to ask per search. */
    List<RoomListing> readableBy(long userId);

    /** @return true when the user was not a member before */
    boolean addMember(long roomId, long userId);

    /** @return true when the user was a member before */
    boolean removeMember(long roomId, long userId);

    boolean isMember(long roomId, long userId);

    /** Members ordered by username. */
    List<UserRef> members(long roomId);

    /** The rooms the user is a member of. */
    List<Long> roomIdsOf(long userId);

    /** Everyone who shares at least one room with the user, the user excluded, ordered by username. */
    List<UserRef> roomMates(long userId);

    /** The seq of each room's newest committed message, in one read; rooms that don't exist are left out. */
    java.util.Map<Long, Long> lastSeqs(java.util.Collection<Long> roomIds);
}
