package dev.parley.chat;

import dev.parley.auth.Principal;
import dev.parley.chat.Change.Kind;
import dev.parley.chat.MessageStore.Changed;
import dev.parley.util.FailureLog;
import dev.parley.util.Futures;
import java.util.concurrent.CompletableFuture;

/**
 * Editing, deleting and reacting to messages. Each change is checked here (who may make it, what
 * it says), stored in the room's order by the store, and published after its commit, exactly
 * like a post; a retry with the same {@code clientId} returns what the first attempt stored.
 *
 * <p>Only a message's author edits it; its author, the room's owner and admins delete it; members
 * of the room react.
 */
public final class Changes {

    private static final FailureLog FAILURES = new FailureLog(org.slf4j.LoggerFactory.getLogger(Changes.class));

    private final MessageStore messages;
    private final Rooms rooms;
    private final EventBus bus;
    private final Quotas quotas;

    public Changes(MessageStore messages, Rooms rooms, EventBus bus, Quotas quotas) {
        this.messages = messages;
        this.rooms = rooms;
        this.bus = bus;
        this.quotas = quotas;
    }

    public CompletableFuture<Changed> editAsync(
            Principal me, long roomId, long messageId, String content, String clientId) {
        String text = MessageContent.check(content);
        String id = Messages.checkClientId(clientId);
        rooms.joined(me, roomId);
        Message message = inRoom(roomId, messageId);
        if (message.user().id() != me.userId())
            throw new ChatException(ErrorCode.FORBIDDEN, "Only its author may edit a message.");
        quotas.message(me.userId());
        return store(
                new NewChange(roomId, messageId, me.userId(), Kind.EDIT, null, text, MessageContent.toHtml(text), id));
    }

    public CompletableFuture<Changed> deleteAsync(Principal me, long roomId, long messageId, String clientId) {
        String id = Messages.checkClientId(clientId);
        Room room = rooms.visible(me, roomId);
        Message message = inRoom(roomId, messageId);
        boolean owner = room.ownerId() != null && room.ownerId() == me.userId();
        if (message.user().id() != me.userId() && !owner && !me.admin()) {
            throw new ChatException(
                    ErrorCode.FORBIDDEN, "Only its author, the room's owner or an admin may delete a message.");
        }
        return store(new NewChange(roomId, messageId, me.userId(), Kind.DELETE, null, null, null, id));
    }

    /** Adds ({@code add}) or removes the reader's reaction; adding one that is there, or removing one that is not, changes nothing. */
    public CompletableFuture<Changed> reactAsync(
            Principal me, long roomId, long messageId, String emoji, boolean add, String clientId) {
        String checked = Emoji.check(emoji);
        String id = Messages.checkClientId(clientId);
        rooms.joined(me, roomId);
        inRoom(roomId, messageId);
        quotas.message(me.userId());
        return store(new NewChange(
                roomId, messageId, me.userId(), add ? Kind.REACT : Kind.UNREACT, checked, null, null, id));
    }

    /** The message, if it is in this room; an unknown id and a message of another room are both not found. */
    private Message inRoom(long roomId, long messageId) {
        return messages.find(messageId)
                .filter(m -> m.roomId() == roomId)
                .orElseThrow(() -> ChatException.notFound("message"));
    }

    private CompletableFuture<Changed> store(NewChange change) {
        return messages.changeAsync(change)
                .thenApply(changed -> {
                    if (changed.created()) bus.publish(new ChatEvent.MessageChanged(changed.change()));
                    return changed;
                })
                .exceptionally(failure -> {
                    Throwable cause = Futures.cause(failure);
                    if (cause instanceof StoreException unknown) {
                        FAILURES.failed("storing a change", unknown);
                        throw new ChatException(
                                ErrorCode.RETRY,
                                "The server could not confirm this change was stored. Send it again"
                                        + (change.clientId() != null ? " with the same clientId." : "."));
                    }
                    throw cause instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(cause);
                });
    }
}
