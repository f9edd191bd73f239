package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.chat.Account;
import dev.parley.chat.AuditEntry;
import dev.parley.chat.BotToken;
import dev.parley.chat.DuplicateException;
import dev.parley.chat.Invite;
import dev.parley.chat.Message;
import dev.parley.chat.MessageStore;
import dev.parley.chat.MessageStore.Appended;
import dev.parley.chat.NewMessage;
import dev.parley.chat.ReadMarkStore;
import dev.parley.chat.Room;
import dev.parley.chat.RoomKind;
import dev.parley.chat.RoomListing;
import dev.parley.chat.RoomStore;
import dev.parley.chat.SessionStore;
import dev.parley.chat.SessionStore.Rotation;
import dev.parley.chat.UserRef;
import dev.parley.chat.UserStore;
import dev.parley.chat.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind the stores must do. Each implementation runs all of it on a fresh, empty schema. */
abstract class StoreContract {

    static final String ALICE = "alice";
    static final String BOB = "Bob";
    static final String CAROL = "carol";
    static final String GENERAL = "general";
    static final String RANDOM = "random";
    static final String SECRET = "secret-plans";
    static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    UserStore users;
    RoomStore rooms;
    MessageStore messages;
    SessionStore sessions;
    ReadMarkStore readMarks;
    Stores.Team team;

    /** Stores over an empty schema, different for every test. */
    protected abstract Stores emptyStores();

    @BeforeEach
    void setUpStores() {
        Stores s = emptyStores();
        users = s.users();
        rooms = s.rooms();
        messages = s.messages();
        sessions = s.sessions();
        readMarks = s.readMarks();
        team = s.team();
    }

    Account register(String name) {
        return users.register(name, "hash-of-" + name);
    }

    Message post(Room room, Account author, String text) {
        return messages.append(new NewMessage(room.id(), author.id(), text, "<p>" + text + "</p>", null))
                .message();
    }

    static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // --- users

    @Test
    void theFirstRegistrationBecomesAdmin() {
        Account alice = register(ALICE);

        assertThat(alice.admin()).isTrue();
        assertThat(alice.username()).isEqualTo(ALICE);
        assertThat(alice.passwordHash()).isEqualTo("hash-of-alice");
    }

    @Test
    void aSecondRegistrationIsNotAdmin() {
        register(ALICE);

        assertThat(register(BOB).admin()).isFalse();
    }

    @Test
    void onlyOneOfManySimultaneousFirstRegistrationsBecomesAdmin() throws Exception {
        var counter = new AtomicInteger();

        List<Account> accounts = concurrently(8, () -> register("user" + counter.incrementAndGet()));

        assertThat(accounts).filteredOn(Account::admin).hasSize(1);
    }

    @Test
    void usernamesAreUniqueRegardlessOfCase() {
        register(ALICE);

        assertThatThrownBy(() -> register("ALICE")).isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> register(ALICE)).isInstanceOf(DuplicateException.class);
    }

    @Test
    void accountsAreFoundByIdAndByUsernameInAnyCase() {
        Account bob = register(BOB);

        assertThat(users.findById(bob.id())).contains(bob);
        assertThat(users.findByUsername("bob")).contains(bob);
        assertThat(users.findByUsername("BOB").map(Account::username)).contains(BOB);
        assertThat(users.findByUsername(CAROL)).isEmpty();
        assertThat(users.findById(bob.id() + 1000)).isEmpty();
    }

    @Test
    void registrationRecordsWhenTheAccountWasCreated() {
        Instant before = Instant.now().minusMillis(1);

        Account alice = register(ALICE);

        assertThat(alice.createdAt()).isBetween(before, Instant.now().plusMillis(1));
    }

    @Test
    void adminRightsCanBeGrantedAndTakenByUsername() {
        register(ALICE);
        register(BOB);

        assertThat(users.setAdmin("bob", true)).isTrue();
        assertThat(users.findByUsername(BOB).orElseThrow().admin()).isTrue();
        assertThat(users.setAdmin(ALICE, false)).isTrue();
        assertThat(users.findByUsername(ALICE).orElseThrow().admin()).isFalse();
        assertThat(users.setAdmin(CAROL, true)).isFalse();
    }

    @Test
    void everyoneIsListedByUsername() {
        register(BOB);
        register(ALICE);

        assertThat(users.all()).extracting(Account::username).containsExactly(ALICE, BOB);
    }

    // --- rooms

    @Test
    void aNewChannelHasItsOwnerAsFirstMember() {
        Account alice = register(ALICE);

        Room general = rooms.createChannel(GENERAL, false, alice.id());

        assertThat(general.kind()).isEqualTo(RoomKind.CHANNEL);
        assertThat(general.name()).isEqualTo(GENERAL);
        assertThat(general.ownerId()).isEqualTo(alice.id());
        assertThat(general.lastSeq()).isZero();
        assertThat(rooms.find(general.id())).contains(general);
        assertThat(rooms.members(general.id())).containsExactly(alice.ref());
    }

    @Test
    void publicChannelNamesAreUniqueRegardlessOfCase() {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        rooms.createChannel(GENERAL, false, alice.id());

        assertThatThrownBy(() -> rooms.createChannel("General", false, bob.id()))
                .isInstanceOf(DuplicateException.class);
    }

    /** Issue 14, item 7: a private name collides only within its owner's private rooms, so trying a name reveals nothing. */
    @Test
    void aPrivateChannelsNameCollidesOnlyWithItsOwnersPrivateRooms() {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        Room alicesSecret = rooms.createChannel("Plans", true, alice.id());

        Room bobsSecret = rooms.createChannel("plans", true, bob.id());
        Room open = rooms.createChannel("PLANS", false, bob.id());

        assertThat(List.of(alicesSecret.id(), bobsSecret.id(), open.id())).doesNotHaveDuplicates();
        assertThat(open.name()).isEqualTo("PLANS");
        assertThatThrownBy(() -> rooms.createChannel("plans", true, alice.id())).isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> rooms.createChannel("Plans", false, alice.id()))
                .isInstanceOf(DuplicateException.class);
    }

    @Test
    void aRoomIsFoundWithWhetherTheUserIsAMember() {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        Room general = rooms.createChannel(GENERAL, false, alice.id());

        assertThat(rooms.findFor(general.id(), alice.id())).contains(new RoomStore.RoomAndMember(general, true));
        assertThat(rooms.findFor(general.id(), bob.id())).contains(new RoomStore.RoomAndMember(general, false));
        assertThat(rooms.findFor(424242, alice.id())).isEmpty();
    }

    @Test
    void anUnknownRoomIsNotFound() {
        assertThat(rooms.find(424242)).isEmpty();
    }

    @Test
    void membershipChangesReportWhetherAnythingChanged() {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        Room general = rooms.createChannel(GENERAL, false, alice.id());

        assertThat(rooms.addMember(general.id(), bob.id())).isTrue();
        assertThat(rooms.addMember(general.id(), bob.id())).isFalse();
        assertThat(rooms.isMember(general.id(), bob.id())).isTrue();
        assertThat(rooms.removeMember(general.id(), bob.id())).isTrue();
        assertThat(rooms.removeMember(general.id(), bob.id())).isFalse();
        assertThat(rooms.isMember(general.id(), bob.id())).isFalse();
    }

    @Test
    void membersAreOrderedByUsernameRegardlessOfCase() {
        Account carol = register(CAROL);
        Account alice = register(ALICE);
        Account bob = register(BOB);
        Room general = rooms.createChannel(GENERAL, false, carol.id());
        rooms.addMember(general.id(), bob.id());
        rooms.addMember(general.id(), alice.id());

        assertThat(rooms.members(general.id())).containsExactly(alice.ref(), bob.ref(), carol.ref());
    }

    @Test
    void directRoomIsOnePerPairWhicheverSideOpensIt() {
        Account alice = register(ALICE);
        Account bob = register(BOB);

        Room opened = rooms.directRoom(alice.id(), bob.id());

        assertThat(rooms.directRoom(bob.id(), alice.id())).isEqualTo(opened);
        assertThat(opened.kind()).isEqualTo(RoomKind.DIRECT);
        assertThat(opened.isPrivate()).isTrue();
        assertThat(rooms.members(opened.id())).containsExactly(alice.ref(), bob.ref());
    }

    @Test
    void simultaneousOpeningsOfADirectRoomYieldTheSameRoom() throws Exception {
        Account alice = register(ALICE);
        Account bob = register(BOB);

        List<Room> opened = concurrently(6, () -> rooms.directRoom(alice.id(), bob.id()));

        assertThat(opened).extracting(Room::id).containsOnly(opened.get(0).id());
    }

    @Test
    void aDirectRoomWithOneselfIsRefused() {
        Account alice = register(ALICE);

        assertThatThrownBy(() -> rooms.directRoom(alice.id(), alice.id())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGroupIsOnePerSetOfPeopleWhoeverOpensItAndInWhateverOrder() {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        Account carol = register(CAROL);

        RoomStore.Opened first = rooms.groupRoom(List.of(alice.id(), bob.id(), carol.id()));
        RoomStore.Opened again = rooms.groupRoom(List.of(carol.id(), alice.id(), bob.id(), alice.id()));

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.room()).isEqualTo(first.room());
        assertThat(first.room().kind()).isEqualTo(RoomKind.GROUP);
        assertThat(first.room().isPrivate()).isTrue();
        assertThat(first.room().isDirect()).isTrue();
        assertThat(rooms.members(first.room().id())).containsExactly(alice.ref(), bob.ref(), carol.ref());
        assertThat(rooms.findGroup(List.of(bob.id(), carol.id(), alice.id()))).contains(first.room());
    }

    @Test
    void anotherSetOfPeopleIsAnotherGroup() {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        Account carol = register(CAROL);
        Account dave = register("dave");

        Room three = rooms.groupRoom(List.of(alice.id(), bob.id(), carol.id())).room();
        Room four = rooms.groupRoom(List.of(alice.id(), bob.id(), carol.id(), dave.id()))
                .room();

        assertThat(four.id()).isNotEqualTo(three.id());
        assertThat(rooms.findGroup(List.of(alice.id(), bob.id(), dave.id()))).isEmpty();
    }

    @Test
    void simultaneousOpeningsOfAGroupYieldOneRoomAndOneCreation() throws Exception {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        Account carol = register(CAROL);

        List<RoomStore.Opened> opened =
                concurrently(8, () -> rooms.groupRoom(List.of(alice.id(), bob.id(), carol.id())));

        assertThat(opened)
                .extracting(o -> o.room().id())
                .containsOnly(opened.get(0).room().id());
        assertThat(opened).filteredOn(RoomStore.Opened::created).hasSize(1);
        assertThat(rooms.members(opened.get(0).room().id())).hasSize(3);
    }

    @Test
    void aGroupOfFewerThanThreeDistinctPeopleIsRefused() {
        Account alice = register(ALICE);
        Account bob = register(BOB);

        assertThatThrownBy(() -> rooms.groupRoom(List.of(alice.id(), bob.id(), bob.id())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGroupIsListedForItsMembersOnlyNamedByTheOtherPeople() {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        Account carol = register(CAROL);
        Account dave = register("dave");
        Room group = rooms.groupRoom(List.of(carol.id(), alice.id(), bob.id())).room();
        Room toDave = rooms.directRoom(alice.id(), dave.id());

        List<RoomListing> list = rooms.visibleTo(alice.id());

        assertThat(list).extracting(l -> l.room().id()).containsExactly(toDave.id(), group.id());
        assertThat(list.get(1).groupPeers()).containsExactly(bob.ref(), carol.ref());
        assertThat(list.get(1).displayName()).isEqualTo(BOB + ", " + CAROL);
        assertThat(rooms.readableBy(carol.id()).get(0).groupPeers()).containsExactly(alice.ref(), bob.ref());
        assertThat(rooms.visibleTo(dave.id())).extracting(l -> l.room().id()).doesNotContain(group.id());
        assertThat(rooms.findFor(group.id(), dave.id()).orElseThrow().member()).isFalse();
    }

    @Test
    void nonMembersDoNotSeePrivateRooms() {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        Account carol = register(CAROL);
        Room secret = rooms.createChannel(SECRET, true, alice.id());
        Room direct = rooms.directRoom(alice.id(), bob.id());

        assertThat(rooms.visibleTo(carol.id())).extracting(l -> l.room().id()).doesNotContain(secret.id(), direct.id());
        assertThat(rooms.visibleTo(alice.id())).extracting(l -> l.room().id()).contains(secret.id(), direct.id());
    }

    @Test
    void publicChannelsAreListedForNonMembersWithoutUnreadCounts() {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        Room general = rooms.createChannel(GENERAL, false, alice.id());
        post(general, alice, "hello");

        assertThat(rooms.visibleTo(bob.id()))
                .containsExactly(new RoomListing(rooms.find(general.id()).orElseThrow(), false, 0, null));
    }

    @Test
    void roomListShowsChannelsByNameThenDirectRoomsByPeerName() {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        Account carol = register(CAROL);
        Account dave = register("Dave");
        Room toDave = rooms.directRoom(alice.id(), dave.id());
        Room random = rooms.createChannel(RANDOM, false, bob.id());
        Room toCarol = rooms.directRoom(carol.id(), alice.id());
        Room general = rooms.createChannel("General", false, bob.id());
        Room secret = rooms.createChannel(SECRET, true, alice.id());
        Room toBob = rooms.directRoom(alice.id(), bob.id());

        List<RoomListing> list = rooms.visibleTo(alice.id());

        assertThat(list)
                .extracting(l -> l.room().id())
                .containsExactly(general.id(), random.id(), secret.id(), toBob.id(), toCarol.id(), toDave.id());
        assertThat(list)
                .extracting(RoomListing::displayName)
                .containsExactly("General", RANDOM, SECRET, BOB, CAROL, "Dave");
        assertThat(list).extracting(RoomListing::member).containsExactly(false, false, true, true, true, true);
        assertThat(list)
                .extracting(RoomListing::directPeer)
                .containsExactly(null, null, null, bob.ref(), carol.ref(), dave.ref());
    }

    // --- messages

    @Test
    void seqsStartAtOneAndTheRoomTracksTheLast() {
        Account alice = register(ALICE);
        Room general = rooms.createChannel(GENERAL, false, alice.id());

        Message first = post(general, alice, "one");
        Message second = post(general, alice, "two");

        assertThat(first.seq()).isEqualTo(1);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(rooms.find(general.id()).orElseThrow().lastSeq()).isEqualTo(2);
    }

    @Test
    void eachRoomNumbersItsOwnMessages() {
        Account alice = register(ALICE);
        Room general = rooms.createChannel(GENERAL, false, alice.id());
        Room random = rooms.createChannel(RANDOM, false, alice.id());
        post(general, alice, "one");
        post(general, alice, "two");

        assertThat(post(random, alice, "elsewhere").seq()).isEqualTo(1);
        assertThat(rooms.lastSeqs(java.util.List.of(general.id(), random.id(), 999_999L)))
                .isEqualTo(java.util.Map.of(general.id(), 2L, random.id(), 1L));
        assertThat(rooms.lastSeqs(java.util.List.of())).isEmpty();
    }

    @Test
    void anAppendedMessageIsStoredAsGiven() {
        Account alice = register(ALICE);
        Room general = rooms.createChannel(GENERAL, false, alice.id());
        Instant before = Instant.now().minusMillis(1);

        Appended appended =
                messages.append(new NewMessage(general.id(), alice.id(), "*hi*", "<p><em>hi</em></p>", "c-1"));

        Message m = appended.message();
        assertThat(appended.created()).isTrue();
        assertThat(m.roomId()).isEqualTo(general.id());
        assertThat(m.user()).isEqualTo(new UserRef(alice.id(), ALICE));
        assertThat(m.content()).isEqualTo("*hi*");
        assertThat(m.html()).isEqualTo("<p><em>hi</em></p>");
        assertThat(m.clientId()).isEqualTo("c-1");
        assertThat(m.createdAt()).isBetween(before, Instant.now().plusMillis(1));
        assertThat(messages.find(m.id())).contains(m);
    }

    @Test
    void anUnknownMessageIsNotFound() {
        assertThat(messages.find(424242)).isEmpty();
    }

    @Test
    void retriedAppendWithSameClientIdReturnsTheOriginal() {
        Account alice = register(ALICE);
        Room general = rooms.createChannel(GENERAL, false, alice.id());
        Appended original = messages.append(new NewMessage(general.id(), alice.id(), "hi", "<p>hi</p>", "c-1"));

        Appended retry = messages.append(new NewMessage(general.id(), alice.id(), "hi", "<p>hi</p>", "c-1"));

        assertThat(retry.created()).isFalse();
        assertThat(retry.message()).isEqualTo(original.message());
        assertThat(rooms.find(general.id()).orElseThrow().lastSeq()).isEqualTo(1);
    }

    @Test
    void theSameClientIdFromAnotherUserIsADifferentMessage() {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        Room general = rooms.createChannel(GENERAL, false, alice.id());
        messages.append(new NewMessage(general.id(), alice.id(), "hi", "<p>hi</p>", "c-1"));

        Appended bobs = messages.append(new NewMessage(general.id(), bob.id(), "hey", "<p>hey</p>", "c-1"));

        assertThat(bobs.created()).isTrue();
        assertThat(bobs.message().seq()).isEqualTo(2);
    }

    @Test
    void messagesWithoutClientIdAreNeverDeduplicated() {
        Account alice = register(ALICE);
        Room general = rooms.createChannel(GENERAL, false, alice.id());

        post(general, alice, "same");
        post(general, alice, "same");

        assertThat(messages.after(general.id(), 0, 10)).hasSize(2);
    }

    @Test
    void seqsAreGaplessAndUniqueUnderConcurrentPosts() throws Exception {
        Account alice = register(ALICE);
        Room general = rooms.createChannel(GENERAL, false, alice.id());

        var threads = new AtomicInteger();

        // With client ids, as browsers send them: each append reads before it writes.
        List<List<Long>> seqs = concurrently(4, () -> {
            int thread = threads.incrementAndGet();
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String clientId = "t" + thread + "-" + i;
                mine.add(messages.append(new NewMessage(general.id(), alice.id(), clientId, clientId, clientId))
                        .message()
                        .seq());
            }
            return mine;
        });

        assertThat(seqs.stream().flatMap(List::stream))
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 200).boxed().toList());
        assertThat(messages.after(general.id(), 0, 500))
                .extracting(Message::seq)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 200).boxed().toList());
        assertThat(rooms.find(general.id()).orElseThrow().lastSeq()).isEqualTo(200);
    }

    @Test
    void simultaneousRetriesWithOneClientIdStoreOneMessageWithoutUsingUpASeq() throws Exception {
        Account alice = register(ALICE);
        Room general = rooms.createChannel(GENERAL, false, alice.id());

        List<Appended> results = concurrently(
                6, () -> messages.append(new NewMessage(general.id(), alice.id(), "hi", "<p>hi</p>", "c-1")));

        assertThat(results).filteredOn(Appended::created).hasSize(1);
        assertThat(results)
                .extracting(a -> a.message().id())
                .containsOnly(results.get(0).message().id());
        assertThat(post(general, alice, "next").seq()).isEqualTo(2);
    }

    @Test
    void anAppendThatFailsAmongConcurrentOnesFailsAloneAndCostsThemNothing() throws Exception {
        Account alice = register(ALICE);
        Room general = rooms.createChannel(GENERAL, false, alice.id());
        var threads = new AtomicInteger();

        // However appends are committed (one by one, or several together), a bad one spoils no other.
        List<Long> outcomes = concurrently(6, () -> {
            int thread = threads.incrementAndGet();
            long stored = 0;
            for (int i = 0; i < 30; i++) {
                long room = thread == 1 && i % 2 == 0 ? 424242 : general.id();
                try {
                    messages.append(new NewMessage(room, alice.id(), "m", "<p>m</p>", "t" + thread + "-" + i));
                    stored++;
                } catch (RuntimeException expected) {
                    assertThat(room).isEqualTo(424242);
                }
            }
            return stored;
        });

        assertThat(outcomes.stream().mapToLong(Long::longValue).sum()).isEqualTo(165);
        assertThat(messages.after(general.id(), 0, 500))
                .extracting(Message::seq)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 165).boxed().toList());
    }

    @Test
    void appendsQueuedWithoutWaitingAreStoredAndCompletedInTheOrderTheyWereMade() {
        Account alice = register(ALICE);
        Room general = rooms.createChannel(GENERAL, false, alice.id());
        List<Long> completedSeqs = Collections.synchronizedList(new ArrayList<>());

        // One socket's sends, as they leave it: none waits for the one before.
        List<CompletableFuture<Appended>> appends = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String clientId = i % 7 == 6 ? "c-" + (i - 1) : "c-" + i; // every 7th retries the one before
            appends.add(messages.appendAsync(new NewMessage(general.id(), alice.id(), "m" + i, "<p>m</p>", clientId))
                    .whenComplete((appended, failure) ->
                            completedSeqs.add(appended.message().seq())));
        }
        appends.forEach(CompletableFuture::join);

        List<Long> stored =
                messages.after(general.id(), 0, 500).stream().map(Message::seq).toList();
        assertThat(stored)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, stored.size()).boxed().toList());
        assertThat(appends).filteredOn(a -> !a.join().created()).hasSize(300 / 7);
        assertThat(completedSeqs).isSorted().hasSize(300);
        assertThat(appends.get(6).join().message())
                .isEqualTo(appends.get(5).join().message());
    }

    @Test
    void aQueuedAppendThatFailsCompletesExceptionallyAndTheNextOneStillLands() {
        Account alice = register(ALICE);
        Room general = rooms.createChannel(GENERAL, false, alice.id());

        var bad = messages.appendAsync(new NewMessage(424242, alice.id(), "hi", "<p>hi</p>", null));
        var good = messages.appendAsync(new NewMessage(general.id(), alice.id(), "hi", "<p>hi</p>", null));

        assertThat(bad).failsWithin(Duration.ofSeconds(10));
        assertThat(good.join().message().seq()).isEqualTo(1);
    }

    @Test
    void appendingToAnUnknownRoomFailsAndStoresNothing() {
        Account alice = register(ALICE);

        assertThatThrownBy(() -> messages.append(new NewMessage(424242, alice.id(), "hi", "<p>hi</p>", null)))
                .isInstanceOf(RuntimeException.class);
        assertThat(messages.find(1)).isEmpty();
    }

    @Test
    void historyBeforeASeqIsTheNewestPageOldestFirst() {
        Account alice = register(ALICE);
        Room general = rooms.createChannel(GENERAL, false, alice.id());
        for (int i = 1; i <= 10; i++) {
            post(general, alice, "m" + i);
        }

        assertThat(messages.before(general.id(), null, 3))
                .extracting(Message::seq)
                .containsExactly(8L, 9L, 10L);
        assertThat(messages.before(general.id(), 8L, 3))
                .extracting(Message::seq)
                .containsExactly(5L, 6L, 7L);
        assertThat(messages.before(general.id(), 3L, 5))
                .extracting(Message::seq)
                .containsExactly(1L, 2L);
        assertThat(messages.before(general.id(), 1L, 5)).isEmpty();
    }

    @Test
    void messagesAfterASeqComeOldestFirstUpToTheLimit() {
        Account alice = register(ALICE);
        Room general = rooms.createChannel(GENERAL, false, alice.id());
        Room random = rooms.createChannel(RANDOM, false, alice.id());
        for (int i = 1; i <= 6; i++) {
            post(general, alice, "m" + i);
        }
        post(random, alice, "elsewhere");

        assertThat(messages.after(general.id(), 2, 3)).extracting(Message::seq).containsExactly(3L, 4L, 5L);
        assertThat(messages.after(general.id(), 4, 10))
                .extracting(Message::content)
                .containsExactly("m5", "m6");
        assertThat(messages.after(general.id(), 6, 10)).isEmpty();
    }

    // --- read marks

    @Test
    void theWatermarkIsZeroBeforeAnythingIsRead() {
        Account alice = register(ALICE);
        Room general = rooms.createChannel(GENERAL, false, alice.id());

        assertThat(readMarks.watermark(alice.id(), general.id())).isZero();
    }

    @Test
    void watermarkNeverMovesBackward() {
        Account alice = register(ALICE);
        Room general = rooms.createChannel(GENERAL, false, alice.id());

        readMarks.advance(alice.id(), general.id(), 5);
        readMarks.advance(alice.id(), general.id(), 3);
        assertThat(readMarks.watermark(alice.id(), general.id())).isEqualTo(5);

        readMarks.advance(alice.id(), general.id(), 7);
        assertThat(readMarks.watermark(alice.id(), general.id())).isEqualTo(7);
    }

    @Test
    void watermarksAreKeptPerUserAndRoom() {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        Room general = rooms.createChannel(GENERAL, false, alice.id());
        Room random = rooms.createChannel(RANDOM, false, alice.id());

        readMarks.advance(alice.id(), general.id(), 4);

        assertThat(readMarks.watermark(bob.id(), general.id())).isZero();
        assertThat(readMarks.watermark(alice.id(), random.id())).isZero();
    }

    @Test
    void unreadCountsIgnoreMyOwnMessages() {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        Room general = rooms.createChannel(GENERAL, false, alice.id());
        rooms.addMember(general.id(), bob.id());
        post(general, alice, "from alice");
        post(general, bob, "from bob");
        post(general, alice, "alice again");

        assertThat(unread(bob, general)).isEqualTo(2);
        assertThat(unread(alice, general)).isEqualTo(1);
    }

    @Test
    void unreadCountsOnlyCountPastTheWatermark() {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        Room direct = rooms.directRoom(alice.id(), bob.id());
        for (int i = 0; i < 5; i++) {
            post(direct, alice, "m" + i);
        }

        readMarks.advance(bob.id(), direct.id(), 3);
        assertThat(unread(bob, direct)).isEqualTo(2);

        readMarks.advance(bob.id(), direct.id(), 5);
        assertThat(unread(bob, direct)).isZero();
    }

    long unread(Account viewer, Room room) {
        return rooms.visibleTo(viewer.id()).stream()
                .filter(l -> l.room().id() == room.id())
                .findFirst()
                .orElseThrow()
                .unread();
    }

    // --- sessions

    static final Instant EXPIRES = NOW.plus(Duration.ofDays(30));
    static final Instant LATER = NOW.plus(Duration.ofMinutes(10));
    static final Duration GRACE = Duration.ofSeconds(30);

    Rotation rotate(String presented, String next, Instant at) {
        return sessions.rotate(presented, next, at.plus(Duration.ofDays(30)), at, at.minus(GRACE));
    }

    @Test
    void aNewSessionIsActiveAndAnUnknownOneIsNot() {
        Account alice = register(ALICE);

        sessions.create("s-1", alice.id(), "r-1", EXPIRES, NOW);

        assertThat(sessions.isActive("s-1")).isTrue();
        assertThat(sessions.isActive("nope")).isFalse();
    }

    @Test
    void rotatingALiveTokenSpendsItAndMakesTheNextOneLive() {
        Account alice = register(ALICE);
        sessions.create("s-1", alice.id(), "r-1", EXPIRES, NOW);

        assertThat(rotate("r-1", "r-2", LATER)).isEqualTo(new Rotation.Rotated("s-1", alice.id()));
        assertThat(rotate("r-2", "r-3", LATER.plusSeconds(60))).isEqualTo(new Rotation.Rotated("s-1", alice.id()));
        assertThat(sessions.isActive("s-1")).isTrue();
    }

    @Test
    void replayingATokenWithinTheGracePeriodChangesNothing() {
        Account alice = register(ALICE);
        sessions.create("s-1", alice.id(), "r-1", EXPIRES, NOW);
        rotate("r-1", "r-2", LATER);

        assertThat(rotate("r-1", "r-x", LATER.plusSeconds(5))).isEqualTo(new Rotation.RecentlySpent("s-1", alice.id()));
        assertThat(rotate("r-x", "r-y", LATER.plusSeconds(6))).isEqualTo(new Rotation.Rejected());
        assertThat(sessions.isActive("s-1")).isTrue();
        assertThat(rotate("r-2", "r-3", LATER.plusSeconds(7))).isEqualTo(new Rotation.Rotated("s-1", alice.id()));
    }

    @Test
    void reusingASpentRefreshTokenRevokesTheWholeSession() {
        Account alice = register(ALICE);
        sessions.create("s-1", alice.id(), "r-1", EXPIRES, NOW);
        rotate("r-1", "r-2", LATER);

        assertThat(rotate("r-1", "r-x", LATER.plus(GRACE).plusSeconds(1)))
                .isEqualTo(new Rotation.ReuseDetected("s-1", alice.id()));
        assertThat(sessions.isActive("s-1")).isFalse();
        assertThat(rotate("r-2", "r-3", LATER.plus(GRACE).plusSeconds(2))).isEqualTo(new Rotation.Rejected());
    }

    @Test
    void anExpiredTokenIsRejected() {
        Account alice = register(ALICE);
        sessions.create("s-1", alice.id(), "r-1", EXPIRES, NOW);

        assertThat(rotate("r-1", "r-2", EXPIRES)).isEqualTo(new Rotation.Rejected());
        assertThat(rotate("r-1", "r-2", EXPIRES.minusMillis(1))).isEqualTo(new Rotation.Rotated("s-1", alice.id()));
    }

    @Test
    void sweepingDeletesExpiredTokensRevokedSessionsAndSessionsLeftWithoutATokenButKeepsSpentTokensUntilTheyExpire() {
        Account alice = register(ALICE);
        sessions.create("short", alice.id(), "r-short", NOW.plus(Duration.ofDays(1)), NOW);
        sessions.create("revoked", alice.id(), "r-revoked", EXPIRES, NOW);
        sessions.revoke("revoked", LATER);
        sessions.create("live", alice.id(), "r-1", EXPIRES, NOW);
        rotate("r-1", "r-2", LATER);
        Instant twoDaysOn = NOW.plus(Duration.ofDays(2));

        assertThat(sessions.sweep(twoDaysOn))
                .as("two tokens and their two sessions")
                .isEqualTo(4);
        assertThat(sessions.sweep(twoDaysOn)).as("nothing left to sweep").isZero();
        assertThat(sessions.isActive("live")).isTrue();
        assertThat(sessions.isActive("short")).isFalse();
        assertThat(sessions.isActive("revoked")).isFalse();
        assertThat(rotate("r-short", "r-x", twoDaysOn)).isEqualTo(new Rotation.Rejected());
        // The spent token is still there, so presenting it again is still caught as theft.
        assertThat(rotate("r-1", "r-y", twoDaysOn)).isEqualTo(new Rotation.ReuseDetected("live", alice.id()));
    }

    @Test
    void sweepingAfterTheLastTokenExpiresDeletesTheSession() {
        Account alice = register(ALICE);
        sessions.create("live", alice.id(), "r-1", EXPIRES, NOW);
        rotate("r-1", "r-2", LATER);

        assertThat(sessions.sweep(EXPIRES)).as("the spent token, expired now").isEqualTo(1);
        assertThat(sessions.isActive("live")).isTrue();
        assertThat(sessions.sweep(LATER.plus(Duration.ofDays(30))))
                .as("the last token and its session")
                .isEqualTo(2);
        assertThat(sessions.isActive("live")).isFalse();
    }

    @Test
    void anUnknownTokenIsRejected() {
        assertThat(rotate("never-issued", "r-2", NOW)).isEqualTo(new Rotation.Rejected());
    }

    @Test
    void aRevokedSessionIsInactiveAndItsTokensAreRejected() {
        Account alice = register(ALICE);
        sessions.create("s-1", alice.id(), "r-1", EXPIRES, NOW);
        sessions.create("s-2", alice.id(), "other-device", EXPIRES, NOW);

        sessions.revoke("s-1", LATER);

        assertThat(sessions.isActive("s-1")).isFalse();
        assertThat(rotate("r-1", "r-2", LATER)).isEqualTo(new Rotation.Rejected());
        assertThat(sessions.isActive("s-2")).isTrue();
    }

    @Test
    void revokingAllOfAUsersSessionsCanKeepTheCurrentOne() {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        sessions.create("laptop", alice.id(), "r-1", EXPIRES, NOW);
        sessions.create("phone", alice.id(), "r-2", EXPIRES, NOW);
        sessions.create("bobs", bob.id(), "r-3", EXPIRES, NOW);

        sessions.revokeAllOf(alice.id(), "laptop", LATER);
        assertThat(sessions.isActive("laptop")).isTrue();
        assertThat(sessions.isActive("phone")).isFalse();
        assertThat(sessions.isActive("bobs")).isTrue();

        sessions.revokeAllOf(alice.id(), null, LATER);
        assertThat(sessions.isActive("laptop")).isFalse();
        assertThat(sessions.isActive("bobs")).isTrue();
    }

    @Test
    void aPasswordHashCanBeReplaced() {
        Account alice = register(ALICE);
        users.setPasswordHash(alice.id(), "new-hash");
        assertThat(users.findById(alice.id()).orElseThrow().passwordHash()).isEqualTo("new-hash");
    }

    @Test
    void onlyOneOfSimultaneousRotationsOfATokenWins() throws Exception {
        Account alice = register(ALICE);
        sessions.create("s-1", alice.id(), "r-1", EXPIRES, NOW);
        var counter = new AtomicInteger();

        List<Rotation> outcomes = concurrently(6, () -> rotate("r-1", "next-" + counter.incrementAndGet(), LATER));

        assertThat(outcomes).filteredOn(r -> r instanceof Rotation.Rotated).hasSize(1);
        assertThat(outcomes)
                .filteredOn(r -> !(r instanceof Rotation.Rotated))
                .containsOnly(new Rotation.RecentlySpent("s-1", alice.id()));
        assertThat(sessions.isActive("s-1")).isTrue();
    }

    @Test
    void aDuplicateSessionIdIsRefused() {
        Account alice = register(ALICE);
        sessions.create("s-1", alice.id(), "r-1", EXPIRES, NOW);

        assertThatThrownBy(() -> sessions.create("s-1", alice.id(), "r-9", EXPIRES, NOW))
                .isInstanceOf(DuplicateException.class);
    }

    // --- running it for a team

    @Test
    void theLastActiveAdminCannotBeDemotedOrDeactivated() {
        Account alice = register(ALICE);
        Account bob = register(BOB);

        assertThat(users.demoteUnlessLast(alice.id())).isFalse();
        assertThat(users.deactivateUnlessLastAdmin(alice.id(), NOW)).isFalse();
        assertThat(users.findById(alice.id()).orElseThrow().admin()).isTrue();
        assertThat(users.findById(alice.id()).orElseThrow().deactivated()).isFalse();

        users.setAdmin(BOB, true);
        assertThat(users.demoteUnlessLast(alice.id())).isTrue();
        assertThat(users.findById(alice.id()).orElseThrow().admin()).isFalse();
        assertThat(users.demoteUnlessLast(bob.id())).isFalse();
    }

    @Test
    void aDeactivatedAdminDoesNotCountAsTheOneLeft() {
        Account alice = register(ALICE);
        Account bob = register(BOB);
        users.setAdmin(BOB, true);

        assertThat(users.deactivateUnlessLastAdmin(bob.id(), NOW)).isTrue();

        assertThat(users.findById(bob.id()).orElseThrow().deactivatedAt()).isEqualTo(NOW);
        assertThat(users.deactivatedIds()).containsExactly(bob.id());
        assertThat(users.demoteUnlessLast(alice.id()))
                .as("bob is deactivated: alice is the last active admin")
                .isFalse();
        users.reactivate(bob.id());
        assertThat(users.findById(bob.id()).orElseThrow().deactivated()).isFalse();
        assertThat(users.demoteUnlessLast(alice.id())).isTrue();
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        for (int round = 0; round < 5; round++) {
            Account a = register("a" + round);
            Account b = register("b" + round);
            users.setAdmin(a.username(), true);
            users.setAdmin(b.username(), true);
            users.all().stream()
                    .filter(x -> x.admin() && x.id() != a.id() && x.id() != b.id())
                    .forEach(x -> users.setAdmin(x.username(), false));
            var turn = new AtomicInteger();

            List<Boolean> results =
                    concurrently(2, () -> users.demoteUnlessLast(turn.getAndIncrement() == 0 ? a.id() : b.id()));

            assertThat(results).containsExactlyInAnyOrder(true, false);
            assertThat(users.all()).filteredOn(Account::admin).hasSize(1);
        }
    }

    @Test
    void aBotIsNeverAdminAndSaysItIsABot() {
        Account bot = users.registerBot("deploybot", NOW);

        assertThat(bot.bot()).isTrue();
        assertThat(bot.admin()).as("not even as the first account").isFalse();
        assertThat(register(ALICE).bot()).isFalse();
    }

    @Test
    void aStoreWithNoAccountIsEmpty() {
        assertThat(users.isEmpty()).isTrue();
        register(ALICE);
        assertThat(users.isEmpty()).isFalse();
    }

    @Test
    void settingsAreStoredAndReplaced() {
        assertThat(team.settings().get("registration")).isEmpty();
        team.settings().put("registration", "open");
        team.settings().put("registration", "closed");
        assertThat(team.settings().get("registration")).contains("closed");
    }

    @Test
    void anInviteIsUsedUntilItsUsesAreSpentAndAUseGivenBackCountsAgain() {
        Account alice = register(ALICE);
        Invite invite = team.invites().create("hash-1", alice.id(), null, 2, NOW);

        assertThat(invite.uses()).isZero();
        assertThat(invite.createdBy()).isEqualTo(alice.ref());
        assertThat(team.invites().use(invite.id(), NOW)).isTrue();
        assertThat(team.invites().use(invite.id(), NOW)).isTrue();
        assertThat(team.invites().use(invite.id(), NOW)).isFalse();
        assertThat(team.invites().findByHash("hash-1").orElseThrow().state(NOW)).isEqualTo(Invite.State.SPENT);

        team.invites().giveBack(invite.id());
        assertThat(team.invites().findByHash("hash-1").orElseThrow().uses()).isEqualTo(1);
        assertThat(team.invites().use(invite.id(), NOW)).isTrue();
    }

    @Test
    void anExpiredOrRevokedInviteIsNotUsed() {
        Account alice = register(ALICE);
        Invite expiring = team.invites().create("hash-e", alice.id(), NOW.plusSeconds(60), null, NOW);
        Invite revoked = team.invites().create("hash-r", alice.id(), null, 5, NOW);

        assertThat(team.invites().use(expiring.id(), NOW.plusSeconds(59))).isTrue();
        assertThat(team.invites().use(expiring.id(), NOW.plusSeconds(60))).isFalse();
        assertThat(team.invites().revoke(revoked.id(), NOW)).isTrue();
        assertThat(team.invites().revoke(revoked.id(), NOW)).as("once").isFalse();
        assertThat(team.invites().use(revoked.id(), NOW)).isFalse();
        assertThat(team.invites().all())
                .extracting(i -> i.state(NOW.plusSeconds(60)))
                .containsExactly(Invite.State.REVOKED, Invite.State.EXPIRED);
        assertThat(team.invites().findByHash("hash-x")).isEmpty();
    }

    @Test
    void manyPeopleRacingForTheLastUseOfAnInviteLeaveOneWinner() throws Exception {
        Account alice = register(ALICE);
        Invite invite = team.invites().create("hash-race", alice.id(), null, 1, NOW);

        List<Boolean> results = concurrently(8, () -> team.invites().use(invite.id(), NOW));

        assertThat(results).filteredOn(won -> won).hasSize(1);
        assertThat(team.invites().findByHash("hash-race").orElseThrow().uses()).isEqualTo(1);
    }

    @Test
    void defaultRoomsAreMarkedAndUnmarked() {
        Account alice = register(ALICE);
        Room general = rooms.createChannel(GENERAL, false, alice.id());
        Room random = rooms.createChannel(RANDOM, false, alice.id());

        assertThat(team.defaultRooms().mark(random.id(), true)).isTrue();
        assertThat(team.defaultRooms().mark(general.id(), true)).isTrue();
        assertThat(team.defaultRooms().mark(general.id(), true)).isFalse();
        assertThat(team.defaultRooms().roomIds()).containsExactly(general.id(), random.id());
        assertThat(team.defaultRooms().mark(random.id(), false)).isTrue();
        assertThat(team.defaultRooms().roomIds()).containsExactly(general.id());
    }

    @Test
    void theAuditLogListsTheNewestFirst() {
        Account alice = register(ALICE);
        team.audit().record(alice.id(), "invite.create", "invite 1", NOW);
        team.audit().record(alice.id(), "user.deactivate", "bob", NOW.plusSeconds(1));
        team.audit().record(alice.id(), "registration.open", null, NOW.plusSeconds(2));

        List<AuditEntry> recent = team.audit().recent(2);

        assertThat(recent).extracting(AuditEntry::action).containsExactly("registration.open", "user.deactivate");
        assertThat(recent.get(1).actor()).isEqualTo(alice.ref());
        assertThat(recent.get(1).target()).isEqualTo("bob");
        assertThat(recent.get(1).at()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void aBotTokenIsFoundByItsHashRevokedOnceAndTouchedAtMostOncePerInterval() {
        Account alice = register(ALICE);
        Account bot = users.registerBot("deploybot", NOW);
        BotToken token = team.botTokens().create(bot.id(), "hash-t", "CI", alice.id(), NOW);

        assertThat(token.bot()).isEqualTo(bot.ref());
        assertThat(token.createdBy()).isEqualTo(alice.ref());
        assertThat(token.label()).isEqualTo("CI");
        assertThat(token.lastUsedAt()).isNull();
        team.botTokens().touch(token.id(), NOW.plusSeconds(10), Duration.ofMinutes(1));
        team.botTokens().touch(token.id(), NOW.plusSeconds(30), Duration.ofMinutes(1));
        assertThat(team.botTokens().findByHash("hash-t").orElseThrow().lastUsedAt())
                .isEqualTo(NOW.plusSeconds(10));
        team.botTokens().touch(token.id(), NOW.plusSeconds(70), Duration.ofMinutes(1));
        assertThat(team.botTokens().findByHash("hash-t").orElseThrow().lastUsedAt())
                .isEqualTo(NOW.plusSeconds(70));

        assertThat(team.botTokens().revoke(token.id(), NOW)).isTrue();
        assertThat(team.botTokens().revoke(token.id(), NOW)).isFalse();
        assertThat(team.botTokens().findByHash("hash-t").orElseThrow().revoked())
                .isTrue();
        assertThat(team.botTokens().all()).hasSize(1);
        assertThat(team.botTokens().findByHash("hash-x")).isEmpty();
    }

    @Test
    void aWebhookIsFoundByItsHashAndRevokedOnce() {
        Account alice = register(ALICE);
        Account bot = users.registerBot("monitor", NOW);
        Room alerts = rooms.createChannel("alerts", false, alice.id());
        Webhook hook = team.webhooks().create(alerts.id(), bot.id(), "hash-w", alice.id(), NOW);

        assertThat(hook.roomId()).isEqualTo(alerts.id());
        assertThat(hook.bot()).isEqualTo(bot.ref());
        assertThat(team.webhooks().findByHash("hash-w")).contains(hook);
        team.webhooks().touch(hook.id(), NOW.plusSeconds(5), Duration.ofMinutes(1));
        assertThat(team.webhooks().findByHash("hash-w").orElseThrow().lastUsedAt())
                .isEqualTo(NOW.plusSeconds(5));
        assertThat(team.webhooks().revoke(hook.id(), NOW)).isTrue();
        assertThat(team.webhooks().revoke(hook.id(), NOW)).isFalse();
        assertThat(team.webhooks().all())
                .singleElement()
                .extracting(Webhook::revoked)
                .isEqualTo(true);
        assertThat(users.botIds()).containsExactly(bot.id());
    }
}
