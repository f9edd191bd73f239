package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.Account;
import dev.parley.chat.FileStore;
import dev.parley.chat.Message;
import dev.parley.chat.MessageStore;
import dev.parley.chat.NewMessage;
import dev.parley.chat.Room;
import dev.parley.chat.RoomStore;
import dev.parley.chat.SearchIndex;
import dev.parley.chat.SearchIndex.Criteria;
import dev.parley.chat.SearchQuery;
import dev.parley.chat.StoredFile;
import dev.parley.chat.UserStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What search must find on every database: the same messages for the same query. Queries go
 * through {@link SearchQuery#parse}, as a person's would; each implementation runs all of it on a
 * fresh, empty schema.
 */
abstract class SearchContract {

    Stores stores;
    UserStore users;
    RoomStore rooms;
    MessageStore messages;
    SearchIndex search;
    Account alice;
    Account bob;
    Room general;
    Room ops;

    /** Stores over an empty schema, different for every test. */
    protected abstract Stores emptyStores();

    /** Runs one statement on the database behind {@link #emptyStores()}, as another part of Parley would. */
    protected abstract void execute(String sql, Object... args) throws SQLException;

    @BeforeEach
    void setUp() {
        Stores s = emptyStores();
        stores = s;
        users = s.users();
        rooms = s.rooms();
        messages = s.messages();
        search = s.search();
        alice = users.register("alice", "hash");
        bob = users.register("bob", "hash");
        general = rooms.createChannel("general", false, alice.id());
        ops = rooms.createChannel("ops", true, alice.id());
    }

    @org.junit.jupiter.api.Test
    void hasFileFindsOnlyMessagesWithFilesAttached(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        FileStore files = stores.files();
        java.nio.file.Path content = java.nio.file.Files.writeString(dir.resolve("spec"), "the spec");
        var file = new StoredFile(
                "f-contract-1",
                alice.id(),
                null,
                "spec.txt",
                8,
                "text/plain",
                "a".repeat(64),
                null,
                null,
                null,
                java.time.Instant.now(),
                null,
                null);
        files.put(file, content, null);
        post(general, alice, "deploy notes, no file");
        messages.append(
                new NewMessage(general.id(), alice.id(), "deploy spec", "deploy spec", null, null, List.of(file.id())));
        assertThat(find("has:file")).containsExactly("deploy spec");
        assertThat(find("deplo has:file")).containsExactly("deploy spec");
        assertThat(find("deplo")).hasSize(2);
    }

    Message post(Room room, Account author, String text) {
        return messages.append(new NewMessage(room.id(), author.id(), text, text, null))
                .message();
    }

    /** What {@code query} finds in the given rooms (both, when none are named), as message texts newest first. */
    List<String> find(String query, Room... in) {
        return found(criteria(query, null, 50, in));
    }

    Criteria criteria(String query, Long beforeId, int limit, Room... in) {
        SearchQuery q = SearchQuery.parse(query);
        Set<Long> roomIds = (in.length == 0 ? List.of(general, ops) : Arrays.asList(in))
                .stream().map(Room::id).collect(Collectors.toSet());
        return new Criteria(q.terms(), roomIds, null, q.postedFrom(), q.postedUntil(), beforeId, limit, q.hasFile());
    }

    List<String> found(Criteria criteria) {
        return search.search(criteria).stream().map(Message::content).toList();
    }

    @Test
    void aWordFindsTheMessagesThatContainItNewestFirst() {
        post(general, alice, "deploying the release now");
        post(general, bob, "lunch?");
        post(ops, bob, "The release went out");

        assertThat(find("release")).containsExactly("The release went out", "deploying the release now");
    }

    @Test
    void aWordIsAPrefix() {
        post(general, alice, "The deployment failed");
        post(general, alice, "redeploy later");

        assertThat(find("deplo")).containsExactly("The deployment failed");
        assertThat(find("DEPLOYMENT")).containsExactly("The deployment failed");
    }

    @Test
    void everyWordMustMatch() {
        post(general, alice, "database migration done");
        post(general, alice, "database backup done");

        assertThat(find("data migr")).containsExactly("database migration done");
    }

    @Test
    void aQuotedPhraseMatchesWholeWordsInThatOrder() {
        post(general, alice, "the build is red");
        post(general, alice, "red build again");
        post(general, alice, "the builder is red");

        assertThat(find("\"build is red\"")).containsExactly("the build is red");
        assertThat(find("\"build\"")).containsExactly("red build again", "the build is red");
    }

    @Test
    void punctuationSeparatesWordsOnBothSidesTheSame() {
        post(general, alice, "Deployed v4.2-rc1 to prod (finally!)");
        post(general, alice, "e-mail ops@example.org about it");

        assertThat(find("v4.2")).containsExactly("Deployed v4.2-rc1 to prod (finally!)");
        assertThat(find("4.2")).isEmpty();
        assertThat(find("v4 2 rc1")).containsExactly("Deployed v4.2-rc1 to prod (finally!)");
        assertThat(find("example.org")).containsExactly("e-mail ops@example.org about it");
        assertThat(find("\"mail ops\"")).containsExactly("e-mail ops@example.org about it");
    }

    @Test
    void lettersBeyondAsciiAreWordsAndKeepTheirAccents() {
        post(general, alice, "Café au lait für Ärger");
        post(general, alice, "cafe without accent");

        assertThat(find("café")).containsExactly("Café au lait für Ärger");
        assertThat(find("ärg")).containsExactly("Café au lait für Ärger");
        assertThat(find("cafe")).containsExactly("cafe without accent");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "NEAR(",
                "near(a b",
                "a* OR b",
                "content:release",
                "release AND NOT",
                "'release'",
                "\\release",
                "{release}",
                "release^",
                "(release",
                "release:*",
                "-release",
                "+release",
                "release & | !",
                "col : release"
            })
    void querySyntaxOfEitherDatabaseIsSearchedLiterally(String hostile) {
        post(general, alice, "the release near content");

        assertThat(find(hostile)).isNotNull().allMatch(s -> s.equals("the release near content"));
    }

    @Test
    void onlyTheGivenRoomsAreSearched() {
        post(general, alice, "secret plan in general");
        post(ops, alice, "secret plan in ops");

        assertThat(find("secret", general)).containsExactly("secret plan in general");
        assertThat(search.search(
                        new Criteria(SearchQuery.parse("secret").terms(), Set.of(), null, null, null, null, 10)))
                .isEmpty();
    }

    @Test
    void filtersByAuthor() {
        post(general, alice, "status: green");
        post(general, bob, "status: red");

        var q = SearchQuery.parse("status");
        assertThat(found(new Criteria(q.terms(), Set.of(general.id()), bob.id(), null, null, null, 10)))
                .containsExactly("status: red");
    }

    @Test
    void filtersByDay() throws SQLException {
        Message march = post(general, alice, "report for march");
        Message april = post(general, alice, "report for april");
        Message may = post(general, alice, "report for may");
        setCreatedAt(march, "2026-03-15T23:59:00Z");
        setCreatedAt(april, "2026-04-01T00:00:00Z");
        setCreatedAt(may, "2026-05-02T10:00:00Z");

        assertThat(find("report before:2026-04-01")).containsExactly("report for march");
        assertThat(find("report after:2026-04-01")).containsExactly("report for may");
        assertThat(find("report after:2026-03-15 before:2026-05-02")).containsExactly("report for april");
    }

    @Test
    void filtersAloneListTheNewestMessages() {
        post(general, alice, "one");
        post(general, bob, "two");

        assertThat(find("after:2000-01-01")).containsExactly("two", "one");
    }

    @Test
    void pagesGoBackByMessageId() {
        for (int i = 1; i <= 5; i++) post(general, alice, "note " + i);

        List<Message> first = search.search(criteria("note", null, 2));
        List<Message> second = search.search(criteria("note", first.get(1).id(), 2));
        List<Message> third = search.search(criteria("note", second.get(1).id(), 2));

        assertThat(first).extracting(Message::content).containsExactly("note 5", "note 4");
        assertThat(second).extracting(Message::content).containsExactly("note 3", "note 2");
        assertThat(third).extracting(Message::content).containsExactly("note 1");
    }

    @Test
    void aFoundMessageComesWithEverythingAHistoryReadGives() {
        Message posted = post(general, bob, "complete message");

        assertThat(search.search(criteria("complete", null, 10))).containsExactly(posted);
    }

    @Test
    void anEditedMessageIsFoundByItsNewWordsOnly() throws SQLException {
        Message m = post(general, alice, "typo in teh message");

        execute("UPDATE messages SET content = ? WHERE id = ?", "typo fixed in the message", m.id());

        assertThat(find("teh")).isEmpty();
        assertThat(find("fixed")).containsExactly("typo fixed in the message");
    }

    @Test
    void aDeletedMessageIsNoLongerFound() throws SQLException {
        Message m = post(general, alice, "oops wrong room");
        post(general, alice, "oops again");

        execute("DELETE FROM messages WHERE id = ?", m.id());

        assertThat(find("oops")).containsExactly("oops again");
    }

    @Test
    void aRolledBackAppendLeavesNothingToFind() {
        post(general, alice, "first try");
        var retry = messages.append(new NewMessage(general.id(), alice.id(), "retry text", "retry text", "c-1"));
        var again = messages.append(new NewMessage(general.id(), alice.id(), "retry text", "retry text", "c-1"));

        assertThat(again.created()).isFalse();
        assertThat(find("retry")).containsExactly(retry.message().content());
    }

    private void setCreatedAt(Message m, String instant) throws SQLException {
        execute(
                "UPDATE messages SET created_at = ? WHERE id = ?",
                Instant.parse(instant).toEpochMilli(),
                m.id());
    }

    static void run(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        }
    }
}
