package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Person;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import dev.parley.web.AuthorizationTable.Role;
import dev.parley.web.AuthorizationTable.Row;
import java.io.IOException;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of {@link AuthorizationTable}, tried for real: the row's route or event, as the
 * column's person, on rooms made fresh for the cell. The table is the only list: each row's text
 * says what to send, so a route added to the table is tested without another line here, and
 * docs/security.md must show the same table.
 */
class AuthorizationMatrixIT {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static TestServer server;
    private static ApiClient api;
    private static final Map<Role, Person> PEOPLE = new EnumMap<>(Role.class);
    private static final Map<Role, ApiClient.Session> SESSIONS = new EnumMap<>(Role.class);
    private static final Map<Role, WebClient> BROWSERS = new EnumMap<>(Role.class);
    private static Person bystander;
    private static final String HOOKS_BOT = "hooks-bot";
    private static Person otherBystander;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
        // The first person to sign up is the admin.
        for (Role role : List.of(Role.ADMIN, Role.OWNER, Role.MEMBER, Role.NON_MEMBER)) {
            Person p = new Person(
                    role.name().toLowerCase().replace('_', '-'),
                    "password-of-" + role.name().toLowerCase());
            PEOPLE.put(role, p);
            SESSIONS.put(role, api.register(p));
            BROWSERS.put(role, new WebClient(server).logIn(p));
        }
        bystander = new Person("bystander", "password-of-bystander");
        api.register(bystander);
        otherBystander = new Person("other-bystander", "password-of-other-bystander");
        api.register(otherBystander);
        BROWSERS.put(Role.ANONYMOUS, new WebClient(server));
        assertThat(api.post("/api/admin/bots", SESSIONS.get(Role.ADMIN).accessToken(), Map.of("username", HOOKS_BOT))
                        .status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> cells() {
        return AuthorizationTable.ROWS.stream()
                .flatMap(row -> Stream.of(Role.values()).map(role -> Arguments.of(row.what(), role, row)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cells")
    void everyCellOfTheTableHolds(String what, Role role, Row row) {
        assertThat(attempt(what, role)).as("%s as %s", what, role).isEqualTo(row.outcome(role));
    }

    @Test
    void docsSecurityShowsExactlyThisTable() throws IOException {
        List<String> doc = Files.readAllLines(Path.of("docs/security.md"));
        int from = doc.indexOf(
                "<!-- authorization table: generated from AuthorizationTable, checked by AuthorizationMatrixIT -->");
        assertThat(from).as("the table's marker in docs/security.md").isNotNegative();
        var shown = new ArrayList<String>();
        for (String line : doc.subList(from + 3, doc.size())) {
            if (!line.startsWith("|")) break;
            shown.add(line);
        }
        assertThat(shown)
                .containsExactlyElementsOf(AuthorizationTable.ROWS.stream()
                        .map(AuthorizationMatrixIT::markdown)
                        .toList());
        assertThat(doc.get(from + 1))
                .isEqualTo("| route or event | anonymous | non-member | member | room owner | admin |");
    }

    static String markdown(Row row) {
        return "| `" + row.what() + "` | " + String.join(" | ", row.outcomes()) + " |";
    }

    /**
     * A private room of the owner with the member in it, and a public one the member joined; in
     * the row's room, a message of the member's (0 when the row needs none); for a row about
     * files, an image the owner sent to each room.
     */
    private record Rooms(long privateId, long publicId, long messageId, String privateFile, String publicFile) {
        String fill(String path) {
            return path.replace("{privateFile}", privateFile)
                    .replace("{publicFile}", publicFile)
                    .replace("{private}", Long.toString(privateId))
                    .replace("{public}", Long.toString(publicId))
                    .replace("{message}", Long.toString(messageId))
                    .replace("👍", "%F0%9F%91%8D");
        }

        long id(String what) {
            return what.contains("{private}") ? privateId : publicId;
        }
    }

    private static final List<String> CHANGES =
            List.of("edit-message", "delete-message", "add-reaction", "remove-reaction", "(reply)");

    private static Rooms freshRooms(String what) {
        var owner = SESSIONS.get(Role.OWNER);
        var member = SESSIONS.get(Role.MEMBER);
        long hidden = api.createRoom(owner, "private-" + NAMES.incrementAndGet(), true);
        api.addMember(owner, hidden, PEOPLE.get(Role.MEMBER));
        long open = api.createRoom(owner, "public-" + NAMES.incrementAndGet(), false);
        api.join(member, open);
        long message = 0;
        if (what.contains("{message}") || CHANGES.stream().anyMatch(what::contains)) {
            message = api.say(member, what.contains("{private}") ? hidden : open, "to be changed")
                    .path("id")
                    .asLong();
            // Something to remove, for the removal rows: the member's and the owner's own reactions.
            if (what.contains("remove-reaction") || what.startsWith("DELETE") && what.contains("/reactions/")) {
                long room = what.contains("{private}") ? hidden : open;
                for (Role r : List.of(Role.MEMBER, Role.OWNER)) {
                    ApiClient.send(api.request(
                                    "/api/rooms/" + room + "/messages/" + message + "/reactions/%F0%9F%91%8D")
                            .header("Authorization", "Bearer " + SESSIONS.get(r).accessToken())
                            .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()));
                }
            }
        }
        if (!what.contains("File}")) return new Rooms(hidden, open, message, "", "");
        return new Rooms(hidden, open, message, sentImage(owner, hidden), sentImage(owner, open));
    }

    private static String sentImage(ApiClient.Session owner, long roomId) {
        String id = dev.parley.testing.FileFixtures.uploaded(
                api, owner, "pic.png", dev.parley.testing.FileFixtures.png(20, 20));
        dev.parley.testing.FileFixtures.send(api, owner, roomId, "a picture", null, id);
        return id;
    }

    private static String attempt(String what, Role role) {
        Rooms rooms = freshRooms(what);
        String[] words = what.split(" ", 3);
        if (words[0].equals("WS")) return handshake(role);
        if (List.of("GET", "POST", "PATCH", "PUT", "DELETE").contains(words[0])) {
            String path = hooks(rooms.fill(words[1]), rooms);
            return path.startsWith("/api/") || path.startsWith("/hooks/")
                    ? api(role, words[0], path)
                    : page(role, words[0], path);
        }
        return socket(role, words[0], rooms.id(what), rooms.messageId(), what);
    }

    /** A webhook of the private room, made by the admin as the bot {@code hooks-bot}; revoked if asked. */
    private static String hooks(String path, Rooms rooms) {
        boolean revoked = path.contains("{revoked-hook}");
        if (!revoked && !path.contains("{hook}")) return path;
        String admin = SESSIONS.get(Role.ADMIN).accessToken();
        JsonNode made = api.post("/api/admin/webhooks", admin, Map.of("roomId", rooms.privateId(), "bot", HOOKS_BOT))
                .json();
        if (revoked)
            assertThat(api.post("/api/admin/webhooks/" + made.path("id").asLong() + "/revoke", admin, Map.of())
                            .status())
                    .isLessThan(300);
        String token = made.path("token").asText();
        return path.replace("{hook}", token).replace("{revoked-hook}", token);
    }

    private static String api(Role role, String method, String path) {
        String token = role == Role.ANONYMOUS
                ? null
                : path.equals("/api/auth/logout")
                        ? api.login(PEOPLE.get(role)).accessToken()
                        : SESSIONS.get(role).accessToken();
        Reply r = switch (method) {
            case "GET" -> api.get(path, token);
            case "POST" -> api.post(path, token, apiBody(path));
            default -> {
                var req = api.request(path)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                java.net.http.HttpRequest.BodyPublishers.ofString(
                                        method.equals("PATCH") ? "{\"content\":\"changed\"}" : ""));
                if (token != null) req.header("Authorization", "Bearer " + token);
                yield ApiClient.send(req);
            }
        };
        return Integer.toString(r.status());
    }

    private static Map<String, Object> apiBody(String path) {
        if (path.equals("/api/me/password"))
            return Map.of("currentPassword", "not-the-password", "newPassword", "another-password-1");
        if (path.equals("/api/me/profile")) return Map.of("displayName", "");
        if (path.equals("/api/rooms")) return Map.of("name", "made-" + NAMES.incrementAndGet(), "private", false);
        if (path.endsWith("/direct") || path.endsWith("/members")) return Map.of("username", bystander.username());
        if (path.endsWith("/group"))
            return Map.of("usernames", List.of(bystander.username(), otherBystander.username()));
        if (path.endsWith("/read")) return Map.of("seq", 0);
        if (path.startsWith("/hooks/")) return Map.of("text", "deploy finished");
        if (path.endsWith("/messages"))
            return Map.of("content", "hello", "clientId", UUID.randomUUID().toString());
        return Map.of();
    }

    private static String page(Role role, String method, String path) {
        WebClient browser = role != Role.ANONYMOUS && path.equals("/logout")
                ? new WebClient(server).logIn(PEOPLE.get(role))
                : BROWSERS.get(role);
        Reply r = method.equals("GET") ? browser.get(path) : browser.post(path, pageForm(path));
        if (r.status() == 302 && r.location().startsWith("/login")) return "login";
        return Integer.toString(r.status());
    }

    private static Map<String, String> pageForm(String path) {
        if (path.equals("/rooms")) return Map.of("name", "made-" + NAMES.incrementAndGet());
        if (path.equals("/account")) return Map.of("displayName", "");
        if (path.equals("/rooms/group"))
            return Map.of("usernames", bystander.username() + ", " + otherBystander.username());
        if (path.endsWith("/messages"))
            return Map.of("content", "hello", "clientId", UUID.randomUUID().toString());
        if (path.endsWith("/members") || path.startsWith("/admin/")) return Map.of("username", bystander.username());
        return Map.of();
    }

    private static String handshake(Role role) {
        if (role == Role.ANONYMOUS) return refusedHandshake();
        try (var socket = LiveClient.json(server, SESSIONS.get(role).accessToken())) {
            return "101";
        }
    }

    private static String refusedHandshake() {
        try {
            LiveClient.connectAsync(server.uri("/ws"), Map.of(), "parley.json")
                    .join()
                    .close();
            return "101";
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused)
                return Integer.toString(refused.getResponse().statusCode());
            throw e;
        }
    }

    private static String socket(Role role, String event, long roomId, long messageId, String what) {
        if (role == Role.ANONYMOUS) return refusedHandshake();
        var data = new LinkedHashMap<String, Object>();
        switch (event) {
            case "sync" -> data.put("rooms", Map.of(Long.toString(roomId), 0));
            case "update-presence" -> data.put("status", "away");
            case "refresh-token" -> data.put("accessToken", SESSIONS.get(role).accessToken());
            default -> data.put("roomId", roomId);
        }
        if (event.equals("send-message")) {
            data.put("content", "hello");
            data.put("clientId", UUID.randomUUID().toString());
        }
        if (event.equals("mark-read")) data.put("seq", 0);
        if (what.contains("(reply)")) data.put("replyTo", messageId);
        if (CHANGES.contains(event)) data.put("messageId", messageId);
        if (event.equals("edit-message")) data.put("content", "changed");
        if (event.endsWith("-reaction")) data.put("emoji", "👍");
        try (var socket = LiveClient.json(server, SESSIONS.get(role).accessToken())) {
            JsonNode ack = socket.request(event, data);
            return ack.path("success").asBoolean()
                    ? "ok"
                    : ack.path("error").path("code").asText();
        }
    }
}
