package dev.parley.store;

import dev.parley.chat.Change;
import dev.parley.chat.FileStore;
import dev.parley.chat.Message;
import dev.parley.chat.MessageStore;
import dev.parley.chat.NewChange;
import dev.parley.chat.NewMessage;
import dev.parley.chat.RoomEntry;
import dev.parley.chat.StoredFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The message store with each message's files read beside it (one query per page of messages),
 * so that history, sync replays and retried sends carry the files the first send did.
 */
final class FilesOnMessages implements MessageStore {

    private final MessageStore messages;
    private final FileStore files;

    FilesOnMessages(MessageStore messages, FileStore files) {
        this.messages = messages;
        this.files = files;
    }

    @Override
    public CompletableFuture<Appended> appendAsync(NewMessage message) {
        return messages.appendAsync(message)
                .thenApply(a -> a.created()
                        ? a
                        : new Appended(withFiles(List.of(a.message())).get(0), false));
    }

    /**
     * A change, with the message's files. A delete that this call stored deletes the message's
     * files (and their bytes when nothing else shares them) once it is committed.
     */
    @Override
    public CompletableFuture<Changed> changeAsync(NewChange change) {
        return messages.changeAsync(change).thenApply(c -> {
            if (c.created() && change.kind() == Change.Kind.DELETE) files.deleteAttachedTo(change.messageId());
            if (c.message() == null) return c;
            Message filled = withFiles(List.of(c.message())).get(0);
            Change stored =
                    c.change() == null ? null : c.change().withMarkup(c.change().html(), filled);
            return new Changed(stored, filled, c.created());
        });
    }

    @Override
    public List<RoomEntry> entriesAfter(long roomId, long afterSeq, int limit) {
        List<RoomEntry> entries = messages.entriesAfter(roomId, afterSeq, limit);
        var shown = new ArrayList<Message>();
        for (RoomEntry e : entries) {
            if (e instanceof Message m) shown.add(m);
            else if (e instanceof Change ch && ch.message() != null) shown.add(ch.message());
        }
        if (shown.isEmpty()) return entries;
        Map<Long, List<StoredFile>> attached =
                files.attachedTo(shown.stream().map(Message::id).distinct().toList());
        if (attached.isEmpty()) return entries;
        return entries.stream()
                .map(e -> e instanceof Message m
                        ? (RoomEntry) filled(m, attached)
                        : e instanceof Change ch && ch.message() != null
                                ? ch.withMarkup(ch.html(), filled(ch.message(), attached))
                                : e)
                .toList();
    }

    @Override
    public Optional<Message> find(long messageId) {
        return messages.find(messageId).map(m -> withFiles(List.of(m)).get(0));
    }

    @Override
    public List<Message> before(long roomId, Long beforeSeq, int limit) {
        return withFiles(messages.before(roomId, beforeSeq, limit));
    }

    @Override
    public List<Message> after(long roomId, long afterSeq, int limit) {
        return withFiles(messages.after(roomId, afterSeq, limit));
    }

    private static Message filled(Message m, Map<Long, List<StoredFile>> attached) {
        List<StoredFile> mine = attached.get(m.id());
        return mine == null
                ? m
                : m.withFiles(mine.stream().map(StoredFile::attachment).toList());
    }

    private List<Message> withFiles(List<Message> page) {
        if (page.isEmpty()) return page;
        Map<Long, List<StoredFile>> attached =
                files.attachedTo(page.stream().map(Message::id).toList());
        if (attached.isEmpty()) return page;
        return page.stream()
                .map(m -> attached.containsKey(m.id())
                        ? m.withFiles(attached.get(m.id()).stream()
                                .map(StoredFile::attachment)
                                .toList())
                        : m)
                .toList();
    }
}
