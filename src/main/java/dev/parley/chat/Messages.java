package dev.parley.chat;

import dev.parley.auth.Principal;
import dev.parley.chat.MessageStore.Appended;
import dev.parley.util.FailureLog;
import dev.parley.util.Futures;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Posting to a room and reading its history. */
public final class Messages {

    private static final FailureLog FAILURES = new FailureLog(org.slf4j.LoggerFactory.getLogger(Messages.class));

    public static final int PAGE = 50;
    public static final int MAX_PAGE = 200;
    static final int MAX_CLIENT_ID = 64;

    private final MessageStore messages;
    private final Rooms rooms;
    private final Typing typing;
    private final EventBus bus;
    private final Quotas quotas;
    private final Changes changes;

    public Messages(MessageStore messages, Rooms rooms, Typing typing, EventBus bus, Quotas quotas) {
        this.messages = messages;
        this.rooms = rooms;
        this.typing = typing;
        this.bus = bus;
        this.quotas = quotas;
        this.changes = new Changes(messages, rooms, bus, quotas);
    }

    /** Edits, deletes and reactions of these messages. */
    public Changes changes() {
        return changes;
    }

    /** The message as it is now, if the viewer may read its room; not found otherwise. */
    public Message find(Principal viewer, long roomId, long messageId) {
        rooms.visible(viewer, roomId);
        return messages.find(messageId)
                .filter(m -> m.roomId() == roomId)
                .orElseThrow(() -> ChatException.notFound("message"));
    }

    /**
     * Stores a message from a member of the room. A retry with the same {@code clientId} returns
     * the message the first attempt stored (with {@code created == false}) instead of a copy.
     * A new message is published after its commit, and ends its author's typing in the room.
     */
    public Appended post(Principal author, long roomId, String content, String clientId) {
        return Futures.join(postAsync(author, roomId, content, clientId));
    }

    /** {@link #post} attaching uploads: see {@link #postAsync(Principal, long, String, String, Long, List)}. */
    public Appended post(Principal author, long roomId, String content, String clientId, List<String> fileIds) {
        return Futures.join(postAsync(author, roomId, content, clientId, null, fileIds));
    }

    /**
     * {@link #post} without waiting for the commit: the content and membership are checked at
     * once (throwing {@link ChatException}); the future completes after the commit and the
     * publish. Posts made one after another are stored, published and completed in that order.
     */
    public CompletableFuture<Appended> postAsync(Principal author, long roomId, String content, String clientId) {
        return postAsync(author, roomId, content, clientId, null, List.of());
    }

    /** {@link #postAsync} of a reply to {@code replyTo} (null: not a reply), a message of the same room. */
    public CompletableFuture<Appended> postAsync(
            Principal author, long roomId, String content, String clientId, Long replyTo) {
        return postAsync(author, roomId, content, clientId, replyTo, List.of());
    }

    /**
     * {@link #postAsync(Principal, long, String, String, Long)} attaching the author's uploads
     * ({@link Uploads}), in that order, in the message's own transaction; with files the text may be
     * empty. A file already sent, or not the author's, fails the post and stores nothing.
     */
    public CompletableFuture<Appended> postAsync(
            Principal author, long roomId, String content, String clientId, Long replyTo, List<String> fileIds) {
        List<String> files = checkFiles(fileIds);
        String text = files.isEmpty() || (content != null && !content.isBlank()) ? MessageContent.check(content) : "";
        String id = checkClientId(clientId);
        rooms.joined(author, roomId);
        if (replyTo != null) answerable(author, roomId, replyTo);
        // One allowance per person, whichever socket, tab, instance or HTTP client the message comes from.
        quotas.message(author.userId());
        // Sending ends typing. Done here, on the sender's thread, not after the commit: there it would
        // hold up every acknowledgement of the batch behind a round trip to the shared typing state.
        typing.stopped(author, roomId);
        long acceptedAt = dev.parley.util.WallClock.micros();
        return messages.appendAsync(
                        new NewMessage(roomId, author.userId(), text, MessageContent.toHtml(text), id, replyTo, files))
                .thenApply(appended -> {
                    if (!appended.created() && appended.message().roomId() != roomId) {
                        throw ChatException.invalid(
                                "clientId", "This clientId was already used for a message in another room.");
                    }
                    if (appended.created()) {
                        bus.publish(new ChatEvent.MessagePosted(appended.message(), acceptedAt));
                    }
                    return appended;
                })
                .exceptionally(failure -> {
                    throw Futures.cause(failure) instanceof StoreException unknown
                            ? notConfirmed(id, unknown)
                            : asUnchecked(failure);
                });
    }

    /**
     * A reply answers a message of its own room that is still there. One in a room the author
     * cannot read is as unknown as no message at all, so a reply cannot probe other rooms.
     */
    private void answerable(Principal author, long roomId, long replyTo) {
        Message original = messages.find(replyTo)
                .filter(m -> m.roomId() == roomId || rooms.isVisible(author, m.roomId()))
                .orElseThrow(() -> new ChatException(ErrorCode.NOT_FOUND, "replyTo", "message not found"));
        if (original.roomId() != roomId)
            throw ChatException.invalid("replyTo", "A reply answers a message of the same room.");
        if (original.deleted()) throw new ChatException(ErrorCode.CONFLICT, "replyTo", "That message was deleted.");
    }

    /** A send the store could not confirm: the client may resend it, and only its clientId makes that safe. */
    private static ChatException notConfirmed(String clientId, StoreException cause) {
        var e = new ChatException(
                ErrorCode.RETRY,
                clientId != null
                        ? "The server could not confirm this message was stored. Send it again with the same clientId."
                        : "The server could not confirm this message was stored. Sending it again without a clientId may post it twice.");
        FAILURES.failed("storing a message", cause);
        return e;
    }

    private static RuntimeException asUnchecked(Throwable failure) {
        Throwable cause = Futures.cause(failure);
        return cause instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(cause);
    }

    /** Messages after {@code afterSeq} for a member catching up, oldest first. */
    public List<Message> after(long roomId, long afterSeq, int limit) {
        return messages.after(roomId, afterSeq, limit);
    }

    /** Messages and changes after {@code afterSeq}, in the room's order: what healing and replay deliver. */
    public List<RoomEntry> entriesAfter(long roomId, long afterSeq, int limit) {
        return messages.entriesAfter(roomId, afterSeq, limit);
    }

    /** The seq of the room's newest message (0 when empty or unknown). */
    public long lastSeq(long roomId) {
        return rooms.lastSeq(roomId);
    }

    /** The newest seq of each of the rooms, in one read: how an instance notices messages the bus lost. */
    public java.util.Map<Long, Long> lastSeqs(java.util.Collection<Long> roomIds) {
        return rooms.lastSeqs(roomIds);
    }

    /** Up to {@code limit} messages before {@code beforeSeq} (the newest, when null), oldest first. */
    public List<Message> history(Principal viewer, long roomId, Long beforeSeq, int limit) {
        rooms.visible(viewer, roomId);
        if (limit < 1 || limit > MAX_PAGE)
            throw ChatException.invalid("limit", "limit must be between 1 and " + MAX_PAGE + ".");
        if (beforeSeq != null && beforeSeq < 1) throw ChatException.invalid("before", "before must be a positive seq.");
        return messages.before(roomId, beforeSeq, limit);
    }

    /** Up to {@code limit} messages after {@code afterSeq}, oldest first: reading forward from a point in history. */
    public List<Message> newer(Principal viewer, long roomId, long afterSeq, int limit) {
        rooms.visible(viewer, roomId);
        if (limit < 1 || limit > MAX_PAGE)
            throw ChatException.invalid("limit", "limit must be between 1 and " + MAX_PAGE + ".");
        if (afterSeq < 0) throw ChatException.invalid("after", "after must be a seq, 0 or more.");
        return messages.after(roomId, afterSeq, limit);
    }

    /** Files a message may attach at most. */
    public static final int MAX_FILES = 10;

    private static List<String> checkFiles(List<String> fileIds) {
        if (fileIds == null || fileIds.isEmpty()) return List.of();
        if (fileIds.size() > MAX_FILES)
            throw ChatException.invalid("files", "A message attaches at most " + MAX_FILES + " files.");
        for (String f : fileIds) {
            if (f == null || !f.matches("[A-Za-z0-9_-]{1,64}"))
                throw ChatException.invalid("files", "files: each is the id of an upload.");
        }
        if (fileIds.stream().distinct().count() != fileIds.size())
            throw ChatException.invalid("files", "files: the same upload twice.");
        return List.copyOf(fileIds);
    }

    static String checkClientId(String clientId) {
        if (clientId == null || clientId.isEmpty()) return null;
        if (clientId.length() > MAX_CLIENT_ID || !clientId.chars().allMatch(c -> c > 32 && c < 127)) {
            throw ChatException.invalid(
                    "clientId", "clientId: up to " + MAX_CLIENT_ID + " printable ASCII characters.");
        }
        return clientId;
    }
}
