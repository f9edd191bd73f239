package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.chat.Account;
import dev.parley.chat.Change;
import dev.parley.chat.Change.Kind;
import dev.parley.chat.ChatException;
import dev.parley.chat.ErrorCode;
import dev.parley.chat.Message;
import dev.parley.chat.MessageStore;
import dev.parley.chat.MessageStore.Changed;
import dev.parley.chat.NewChange;
import dev.parley.chat.NewMessage;
import dev.parley.chat.RoomEntry;
import dev.parley.chat.RoomStore;
import dev.parley.chat.UserStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database must do with changes to messages. Each implementation runs all of it on an empty schema. */
abstract class ChangesContract {

    UserStore users;
    RoomStore rooms;
    MessageStore messages;
    Account alice;
    Account bob;
    long general;
    long random;

    protected abstract Stores emptyStores();

    @BeforeEach
    void setUp() {
        Stores s = emptyStores();
        users = s.users();
        rooms = s.rooms();
        messages = s.messages();
        alice = users.register("alice", "hash");
        bob = users.register("bob", "hash");
        general = rooms.createChannel("general", false, alice.id()).id();
        random = rooms.createChannel("random", false, alice.id()).id();
    }

    Message post(long room, Account author, String text) {
        return messages.append(new NewMessage(room, author.id(), text, "<i>" + text + "</i>", null))
                .message();
    }

    Changed change(Kind kind, long room, Message m, Account who, String arg, String clientId) {
        boolean edit = kind == Kind.EDIT;
        boolean reaction = kind == Kind.REACT || kind == Kind.UNREACT;
        return messages.change(new NewChange(
                room,
                m.id(),
                who.id(),
                kind,
                reaction ? arg : null,
                edit ? arg : null,
                edit ? "<b>" + arg + "</b>" : null,
                clientId));
    }

    @Test
    void anEditTakesTheRoomsNextSeqAndIsTheMessagesStateFromThen() {
        Message m = post(general, alice, "helo");

        Changed edited = change(Kind.EDIT, general, m, alice, "hello", null);

        assertThat(edited.created()).isTrue();
        Change c = edited.change();
        assertThat(c.seq()).isEqualTo(2);
        assertThat(c.kind()).isEqualTo(Kind.EDIT);
        assertThat(c.user().username()).isEqualTo("alice");
        assertThat(c.content()).isEqualTo("hello");
        assertThat(c.message().content()).isEqualTo("hello");
        assertThat(c.message().html()).isEqualTo("<b>hello</b>");
        assertThat(c.message().editedAt()).isEqualTo(c.createdAt());
        assertThat(c.message().seq()).isEqualTo(1);
        assertThat(messages.find(m.id())).contains(c.message());
        assertThat(rooms.find(general).orElseThrow().lastSeq()).isEqualTo(2);
        assertThat(post(general, bob, "next").seq()).isEqualTo(3);
    }

    @Test
    void messagesAndChangesComeBackTogetherInSeqOrderUpToTheLimit() {
        Message first = post(general, alice, "one");
        change(Kind.REACT, general, first, bob, "👍", null);
        Message second = post(general, bob, "two");
        change(Kind.EDIT, general, first, alice, "one!", null);
        post(random, alice, "elsewhere");

        List<RoomEntry> all = messages.entriesAfter(general, 0, 100);
        assertThat(all).extracting(RoomEntry::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(all.get(0)).isInstanceOf(Message.class);
        assertThat(all.get(1)).isInstanceOfSatisfying(Change.class, c -> {
            assertThat(c.kind()).isEqualTo(Kind.REACT);
            assertThat(c.emoji()).isEqualTo("👍");
            // A change read back later carries its message as it is now.
            assertThat(c.message().content()).isEqualTo("one!");
            assertThat(c.message().reactions()).hasSize(1);
        });
        assertThat(all.get(2)).isEqualTo(messages.find(second.id()).orElseThrow());
        assertThat(messages.entriesAfter(general, 1, 2))
                .extracting(RoomEntry::seq)
                .containsExactly(2L, 3L);
        assertThat(messages.entriesAfter(general, 4, 10)).isEmpty();
        // History and unread counting see messages only.
        assertThat(messages.after(general, 0, 100)).extracting(Message::seq).containsExactly(1L, 3L);
    }

    @Test
    void aDeleteBlanksTheMessageItsEarlierEditsAndItsReactions() {
        Message m = post(general, alice, "secret");
        change(Kind.EDIT, general, m, alice, "secret v2", null);
        change(Kind.REACT, general, m, bob, "😮", null);

        Changed deleted = change(Kind.DELETE, general, m, alice, null, null);

        Message now = deleted.message();
        assertThat(now.deleted()).isTrue();
        assertThat(now.content()).isEmpty();
        assertThat(now.html()).isEmpty();
        assertThat(now.reactions()).isEmpty();
        assertThat(messages.entriesAfter(general, 0, 10).toString()).doesNotContain("secret");
        assertThat(deleted.change().seq()).isEqualTo(4);
        // Deleting it again changes nothing; anything else is refused.
        Changed again = change(Kind.DELETE, general, m, bob, null, null);
        assertThat(again.created()).isFalse();
        assertThat(again.change()).isNull();
        assertRefused(() -> change(Kind.EDIT, general, m, alice, "back", null), ErrorCode.CONFLICT);
        assertRefused(() -> change(Kind.REACT, general, m, bob, "👍", null), ErrorCode.CONFLICT);
        assertThat(rooms.find(general).orElseThrow().lastSeq()).isEqualTo(4);
    }

    @Test
    void reactionsAreListedInTheOrderGivenAndAddingTwiceOrRemovingWhatIsNotThereTakesNoSeq() {
        Message m = post(general, alice, "lunch");
        change(Kind.REACT, general, m, bob, "🍕", null);
        change(Kind.REACT, general, m, alice, "🥗", null);
        Changed mine = change(Kind.REACT, general, m, alice, "🍕", null);

        assertThat(mine.message().reactions())
                .satisfiesExactly(
                        pizza -> {
                            assertThat(pizza.emoji()).isEqualTo("🍕");
                            assertThat(pizza.count()).isEqualTo(2);
                            assertThat(pizza.users())
                                    .extracting(u -> u.username())
                                    .containsExactly("bob", "alice");
                        },
                        salad -> assertThat(salad.users())
                                .extracting(u -> u.username())
                                .containsExactly("alice"));
        assertThat(change(Kind.REACT, general, m, bob, "🍕", null).change()).isNull();
        assertThat(change(Kind.UNREACT, general, m, bob, "🌮", null).change()).isNull();
        assertThat(change(Kind.UNREACT, general, m, bob, "🍕", null).change().seq())
                .isEqualTo(5);
        assertThat(messages.find(m.id()).orElseThrow().reactions().get(0).count())
                .isEqualTo(1);
    }

    @Test
    void aRetryWithTheSameClientIdReturnsTheStoredChangeAndStoresNothing() {
        Message m = post(general, alice, "typo");
        Changed first = change(Kind.EDIT, general, m, alice, "fixed", "c-1");
        Changed retry = change(Kind.EDIT, general, m, alice, "fixed", "c-1");

        assertThat(retry.created()).isFalse();
        assertThat(retry.change()).isEqualTo(first.change());
        assertThat(rooms.find(general).orElseThrow().lastSeq()).isEqualTo(2);
        // The same key from someone else is theirs; used again for another change, it is refused.
        assertThat(change(Kind.REACT, general, m, bob, "👍", "c-1").created()).isTrue();
        assertRefused(() -> change(Kind.DELETE, general, m, alice, null, "c-1"), ErrorCode.INVALID_PAYLOAD);
    }

    @Test
    void aChangeToAMessageOfAnotherRoomOrNoneIsNotFound() {
        Message m = post(random, alice, "over here");
        assertRefused(() -> change(Kind.EDIT, general, m, alice, "x", null), ErrorCode.NOT_FOUND);
        Message ghost = new Message(99_999, general, 9, m.user(), "", "", m.createdAt(), null);
        assertRefused(() -> change(Kind.REACT, general, ghost, alice, "👍", null), ErrorCode.NOT_FOUND);
        assertThat(rooms.find(general).orElseThrow().lastSeq()).isZero();
    }

    @Test
    void concurrentPostsAndChangesShareOneGaplessSequence() {
        Message m = post(general, alice, "target");
        var pending = new ArrayList<CompletableFuture<?>>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            pending.add(CompletableFuture.runAsync(() -> {
                if (n % 2 == 0) post(general, bob, "m" + n);
                else change(Kind.EDIT, general, m, alice, "e" + n, null);
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();

        assertThat(messages.entriesAfter(general, 0, 100))
                .extracting(RoomEntry::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 41).boxed().toList());
    }

    @Test
    void aReplyReadsBackWithAnExcerptOfWhatItAnswers() {
        Message question = post(general, alice, "Is the   build\ngreen?");
        Message answer = messages.append(new NewMessage(general, bob.id(), "yes", "yes", null, question.id()))
                .message();

        assertThat(answer.reply().messageId()).isEqualTo(question.id());
        assertThat(answer.reply().seq()).isEqualTo(1);
        assertThat(answer.reply().user().username()).isEqualTo("alice");
        assertThat(answer.reply().excerpt()).isEqualTo("Is the build green?");
        change(Kind.DELETE, general, question, alice, null, null);
        assertThat(messages.find(answer.id()).orElseThrow().reply().deleted()).isTrue();
    }

    private static void assertRefused(Runnable change, ErrorCode code) {
        assertThatThrownBy(change::run)
                .isInstanceOfSatisfying(
                        ChatException.class, e -> assertThat(e.code).isEqualTo(code));
    }
}
