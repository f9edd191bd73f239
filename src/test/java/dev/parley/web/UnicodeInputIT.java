package dev.parley.web;

import static dev.parley.testing.ApiClient.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Person;
import dev.parley.testing.PostgresDatabase;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14, item 8, on both databases: a NUL once answered 500 on PostgreSQL and was stored by
 * SQLite, and a lone surrogate became '?'. Both stores now answer alike, because nothing they
 * would treat differently reaches them.
 */
class UnicodeInputIT {

    private static final java.util.concurrent.atomic.AtomicInteger PEOPLE =
            new java.util.concurrent.atomic.AtomicInteger();
    private static PostgresDatabase postgres;
    private static TestServer sqliteServer;
    private static TestServer postgresServer;

    @BeforeAll
    static void start() {
        postgres = PostgresDatabase.create();
        sqliteServer = TestServer.start();
        postgresServer = TestServer.start(c -> c.withDatabaseUrl(postgres.url()));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            sqliteServer.close();
            postgresServer.close();
        } finally {
            postgres.close();
        }
    }

    /** JSON with every non-ASCII character escaped, as a client may send it: the only way a lone surrogate crosses the wire. */
    private static String escaped(Object value) {
        try {
            return ESCAPING.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper ESCAPING =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());

    static Stream<Arguments> badMessages() {
        return Stream.of(
                        "nul \u0000 here",
                        "bell \u0007",
                        "\u001B[2J clear",
                        "del \u007F",
                        "lone \uD800 surrogate",
                        "ends \uDBFF",
                        "c1 \u009B")
                .flatMap(text -> Stream.of(Arguments.of("sqlite", text), Arguments.of("postgresql", text)));
    }

    static Stream<Arguments> badLabels() {
        return Stream.of("\u202Eevil", "zero\u200Bwidth", "bom\uFEFF", "nul\u0000", "lone\uD800", "filler\u3164")
                .flatMap(text -> Stream.of(Arguments.of("sqlite", text), Arguments.of("postgresql", text)));
    }

    static Stream<String> stores() {
        return Stream.of("sqlite", "postgresql");
    }

    private static TestServer on(String store) {
        return store.equals("sqlite") ? sqliteServer : postgresServer;
    }

    private static ApiClient.Session someone(ApiClient api) {
        String name = "uni" + PEOPLE.incrementAndGet();
        return api.register(new Person(name, name + "-password"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badMessages")
    void aMessageWithAControlOrBrokenCharacterIsRefusedAlikeAndNothingIsStored(String store, String content) {
        var api = new ApiClient(on(store));
        var who = someone(api);
        long room = api.createRoom(who, fresh("unicode"), false);

        Reply r = api.postRaw(
                "/api/rooms/" + room + "/messages",
                who.accessToken(),
                escaped(Map.of("content", content, "clientId", "c-1")));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_payload");
        assertThat(r.json().path("error").path("field").asText()).isEqualTo("content");
        assertThat(api.history(who, room, "")).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badLabels")
    void roomNamesAndStatusTextsRefuseInvisibleCharactersAlike(String store, String label) {
        var api = new ApiClient(on(store));
        var who = someone(api);

        Reply room = api.postRaw("/api/rooms", who.accessToken(), escaped(Map.of("name", label, "private", false)));
        JsonNode status;
        try (var socket = LiveClient.json(on(store), who.accessToken())) {
            status = socket.raw(
                    "u1",
                    escaped(Map.of(
                            "event", "update-presence", "ack", "u1", "data", Map.of("status", "away", "text", label))));
        }

        assertThat(room.status()).as(room.toString()).isEqualTo(400);
        assertThat(room.json().path("error").path("field").asText()).isEqualTo("name");
        assertThat(status.path("success").asBoolean()).as(status.toString()).isFalse();
        assertThat(status.path("error").path("code").asText()).isEqualTo("invalid_payload");
        assertThat(status.path("error").path("message").asText()).startsWith("text: ");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void textIsStoredNfcWithTabsAndNewlinesKeptAlike(String store) {
        var api = new ApiClient(on(store));
        var who = someone(api);
        Reply created = api.post(
                "/api/rooms", who.accessToken(), Map.of("name", "e\u0301quipe " + fresh("x"), "private", false));
        long room = created.json().path("id").asLong();

        api.say(who, room, "cafe\u0301\tbar\r\nnext 👨‍👩‍👧");

        assertThat(created.json().path("name").asText()).startsWith("\u00E9quipe ");
        assertThat(List.of(api.history(who, room, "").get(0).path("content").asText()))
                .containsExactly("caf\u00E9\tbar\nnext 👨‍👩‍👧");
    }
}
