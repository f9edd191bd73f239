package dev.parley.cluster;

import dev.parley.chat.Change;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.ChatEvent.MessageChanged;
import dev.parley.chat.ChatEvent.MessagePosted;
import dev.parley.chat.Message;
import dev.parley.chat.MessageContent;

/**
 * Events from another instance with their markup made here: a message's (and an edit's) {@code html} is rendered
 * again from its text, exactly as {@link MessageContent#toHtml} made it at post time, so whatever
 * HTML travelled over Redis never reaches a page. Other events carry no markup (names and texts are
 * escaped where they are shown).
 */
final class TrustedMarkup {

    private TrustedMarkup() {}

    static ChatEvent of(ChatEvent event) {
        if (event instanceof MessagePosted posted)
            return new MessagePosted(remade(posted.message()), posted.acceptedAtMicros());
        if (event instanceof MessageChanged changed) {
            Change c = changed.change();
            String html = c.content() == null ? null : MessageContent.toHtml(c.content());
            return new MessageChanged(c.withMarkup(html, c.message() == null ? null : remade(c.message())));
        }
        return event;
    }

    private static Message remade(Message m) {
        String content = m.content() == null ? "" : m.content();
        return new Message(
                m.id(),
                m.roomId(),
                m.seq(),
                m.user(),
                content,
                m.deleted() || content.isEmpty() ? "" : MessageContent.toHtml(content),
                m.createdAt(),
                m.clientId(),
                m.editedAt(),
                m.deleted(),
                m.reply(),
                m.reactions(),
                m.files());
    }
}
