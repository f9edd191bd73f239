package dev.parley.cluster;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.ChatEvent.MessagePosted;
import dev.parley.chat.Message;
import dev.parley.chat.MessageContent;

/**
 * Events from another instance with their markup made here: a message's {@code html} is rendered
 * again from its text, exactly as {@link MessageContent#toHtml} made it at post time, so whatever
 * HTML travelled over Redis never reaches a page. Other events carry no markup (names and texts are
 * escaped where they are shown).
 */
final class TrustedMarkup {

    private TrustedMarkup() {}

    static ChatEvent of(ChatEvent event) {
        if (!(event instanceof MessagePosted posted)) return event;
        Message m = posted.message();
        String content = m.content() == null ? "" : m.content();
        return new MessagePosted(new Message(
                m.id(),
                m.roomId(),
                m.seq(),
                m.user(),
                content,
                MessageContent.toHtml(content),
                m.createdAt(),
                m.clientId()));
    }
}
