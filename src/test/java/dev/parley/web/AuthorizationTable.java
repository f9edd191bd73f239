package dev.parley.web;

import java.util.List;
import java.util.Map;

/**
 * Who may do what: every HTTP route and socket event against anonymous, non-member, member,
 * room owner and admin. {@link AuthorizationMatrixIT} runs every cell against a real server and
 * checks that docs/security.md shows exactly this table.
 *
 * <p>Rooms are fresh for each cell: {@code {private}} is a private room of the owner with the
 * member added, {@code {public}} a public one the member joined; {@code {message}} is a message
 * the member posted in the row's room. The admin is a site admin who is
 * in neither. An outcome is an HTTP status, {@code login} for a redirect to the login page,
 * {@code ok} or an error code for a socket event's ack, and {@code 401} for a socket whose
 * handshake is refused. {@code {hook}} is a live incoming webhook of the private room and
 * {@code {revoked-hook}} one an admin revoked: the token in the path is the only credential, so
 * every column gets the same answer whatever session it sends along.
 */
final class AuthorizationTable {

    enum Role {
        ANONYMOUS,
        NON_MEMBER,
        MEMBER,
        OWNER,
        ADMIN
    }

    /** One line: what is tried, and its outcome for each role in {@link Role} order. */
    record Row(String what, List<String> outcomes) {
        String outcome(Role role) {
            return outcomes.get(role.ordinal());
        }
    }

    private static Row row(String what, String anonymous, String nonMember, String member, String owner, String admin) {
        return new Row(what, List.of(anonymous, nonMember, member, owner, admin));
    }

    static final List<Row> ROWS = List.of(
            row("GET /api/me", "401", "200", "200", "200", "200"),
            row("POST /api/me/password (wrong current password)", "401", "403", "403", "403", "403"),
            row("POST /api/me/profile", "401", "200", "200", "200", "200"),
            row("POST /api/auth/logout", "401", "204", "204", "204", "204"),
            row("GET /api/rooms", "401", "200", "200", "200", "200"),
            row("POST /api/rooms", "401", "201", "201", "201", "201"),
            row("POST /api/rooms/direct", "401", "200", "200", "200", "200"),
            row("POST /api/rooms/group", "401", "201", "201", "201", "201"),
            row("GET /api/rooms/{private}", "401", "404", "200", "200", "404"),
            row("GET /api/rooms/{public}", "401", "200", "200", "200", "200"),
            row("POST /api/rooms/{private}/join", "401", "404", "200", "200", "404"),
            row("POST /api/rooms/{public}/join", "401", "200", "200", "200", "200"),
            row("POST /api/rooms/{private}/leave", "401", "404", "204", "204", "404"),
            row("POST /api/rooms/{private}/read", "401", "404", "200", "200", "404"),
            row("POST /api/rooms/{private}/members", "401", "404", "403", "204", "404"),
            row("GET /api/rooms/{private}/messages", "401", "404", "200", "200", "404"),
            row("GET /api/rooms/{public}/messages", "401", "200", "200", "200", "200"),
            row("GET /api/rooms/{private}/messages?after=0", "401", "404", "200", "200", "404"),
            row("GET /api/search?q=hello", "401", "200", "200", "200", "200"),
            row("POST /api/files?name=notes.txt", "401", "201", "201", "201", "201"),
            row("GET /api/files/{privateFile}", "401", "404", "200", "200", "404"),
            row("GET /api/files/{publicFile}", "401", "200", "200", "200", "200"),
            row("GET /files/{privateFile}", "401", "404", "200", "200", "404"),
            row("GET /files/{privateFile}/thumbnail", "401", "404", "200", "200", "404"),
            row("GET /files/{publicFile}", "401", "200", "200", "200", "200"),
            row("POST /api/rooms/{private}/messages", "401", "404", "201", "201", "404"),
            row("POST /api/rooms/{public}/messages", "401", "403", "201", "201", "403"),
            row("GET /api/rooms/{private}/messages/{message}", "401", "404", "200", "200", "404"),
            row("PATCH /api/rooms/{private}/messages/{message}", "401", "404", "200", "403", "404"),
            row("PATCH /api/rooms/{public}/messages/{message}", "401", "403", "200", "403", "403"),
            row("DELETE /api/rooms/{private}/messages/{message}", "401", "404", "200", "200", "404"),
            row("DELETE /api/rooms/{public}/messages/{message}", "401", "403", "200", "200", "200"),
            row("PUT /api/rooms/{private}/messages/{message}/reactions/👍", "401", "404", "200", "200", "404"),
            row("PUT /api/rooms/{public}/messages/{message}/reactions/👍", "401", "403", "200", "200", "403"),
            row("DELETE /api/rooms/{public}/messages/{message}/reactions/👍", "401", "403", "200", "200", "403"),
            row("GET /login", "200", "302", "302", "302", "302"),
            row("GET /register", "200", "302", "302", "302", "302"),
            row("GET /", "login", "200", "200", "200", "200"),
            row("GET /sidebar", "login", "200", "200", "200", "200"),
            row("GET /account", "login", "200", "200", "200", "200"),
            row("POST /account (display name)", "login", "302", "302", "302", "302"),
            row("GET /logout", "200", "200", "200", "200", "200"),
            row("POST /logout", "login", "login", "login", "login", "login"),
            row("POST /rooms", "login", "302", "302", "302", "302"),
            row("POST /rooms/group", "login", "302", "302", "302", "302"),
            row("GET /rooms/{private}", "login", "404", "200", "200", "404"),
            row("GET /rooms/{public}", "login", "200", "200", "200", "200"),
            row("GET /rooms/{private}/messages", "login", "404", "200", "200", "404"),
            row("GET /rooms/{private}?at=1", "login", "404", "200", "200", "404"),
            row("GET /export/rooms/{private}.json", "login", "404", "200", "200", "404"),
            row("GET /export/rooms/{public}.html", "login", "200", "200", "200", "200"),
            row("GET /export/all.json", "login", "403", "403", "403", "200"),
            row("GET /search?q=hello", "login", "200", "200", "200", "200"),
            row("POST /rooms/{private}/messages", "login", "404", "302", "302", "404"),
            row("POST /rooms/{private}/join", "login", "404", "302", "302", "404"),
            row("POST /rooms/{private}/leave", "login", "404", "302", "302", "404"),
            row("POST /rooms/{private}/members", "login", "404", "403", "302", "404"),
            row("GET /admin", "login", "403", "403", "403", "200"),
            row("POST /admin/admins", "login", "403", "403", "403", "302"),
            row("POST /admin/password-resets", "login", "403", "403", "403", "200"),
            row("GET /api/admin/users", "401", "403", "403", "403", "200"),
            row("GET /api/admin/registration", "401", "403", "403", "403", "200"),
            row("GET /api/admin/invites", "401", "403", "403", "403", "200"),
            row("GET /api/admin/bot-tokens", "401", "403", "403", "403", "200"),
            row("GET /api/admin/webhooks", "401", "403", "403", "403", "200"),
            row("GET /api/admin/audit", "401", "403", "403", "403", "200"),
            row("GET /api/admin/log-levels", "401", "403", "403", "403", "200"),
            row("POST /hooks/{hook}", "200", "200", "200", "200", "200"),
            row("POST /hooks/{revoked-hook}", "404", "404", "404", "404", "404"),
            row("GET /healthz", "200", "200", "200", "200", "200"),
            row("GET /readyz", "200", "200", "200", "200", "200"),
            row("GET /metrics", "401", "403", "403", "403", "200"),
            row("WS /ws (handshake)", "401", "101", "101", "101", "101"),
            row("join-room {private}", "401", "not_found", "ok", "ok", "not_found"),
            row("join-room {public}", "401", "ok", "ok", "ok", "ok"),
            row("leave-room {private}", "401", "not_found", "ok", "ok", "not_found"),
            row("send-message {private}", "401", "not_found", "ok", "ok", "not_found"),
            row("send-message {public}", "401", "not_member", "ok", "ok", "not_member"),
            row("send-message {private} (reply)", "401", "not_found", "ok", "ok", "not_found"),
            row("edit-message {private}", "401", "not_found", "ok", "forbidden", "not_found"),
            row("edit-message {public}", "401", "not_member", "ok", "forbidden", "not_member"),
            row("delete-message {private}", "401", "not_found", "ok", "ok", "not_found"),
            row("delete-message {public}", "401", "forbidden", "ok", "ok", "ok"),
            row("add-reaction {private}", "401", "not_found", "ok", "ok", "not_found"),
            row("add-reaction {public}", "401", "not_member", "ok", "ok", "not_member"),
            row("remove-reaction {public}", "401", "not_member", "ok", "ok", "not_member"),
            row("typing-start {private}", "401", "not_found", "ok", "ok", "not_found"),
            row("typing-stop {private}", "401", "not_found", "ok", "ok", "not_found"),
            row("mark-read {private}", "401", "not_found", "ok", "ok", "not_found"),
            row("sync {private}", "401", "not_found", "ok", "ok", "not_found"),
            row("update-presence", "401", "ok", "ok", "ok", "ok"),
            row("refresh-token", "401", "ok", "ok", "ok", "ok"));

    /** The rows by what they try, for looking one up. */
    static Map<String, Row> byWhat() {
        var map = new java.util.LinkedHashMap<String, Row>();
        ROWS.forEach(r -> map.put(r.what(), r));
        return map;
    }

    private AuthorizationTable() {}
}
