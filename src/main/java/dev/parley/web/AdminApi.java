package dev.parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.chat.Account;
import dev.parley.chat.AuditLog;
import dev.parley.chat.Invitations;
import dev.parley.render.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * {@code /api/admin/*}: what {@code /admin} does, for scripts. Admins only; everyone else gets
 * {@code forbidden}. Every change is recorded in the audit log.
 */
final class AdminApi extends ApiServlet {

    private final TeamAdmin team;

    AdminApi(TeamAdmin team, SameOrigin sameOrigin) {
        super(sameOrigin);
        this.team = team;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        long admin = Requests.principal(req).userId();
        List<String> path = Requests.segments(req);
        switch (path.size() == 1 ? path.get(0) : "") {
            case "users" ->
                json(
                        res,
                        200,
                        team.people().all(admin).stream()
                                .map(AdminViews.Person::of)
                                .toList());
            case "registration" -> json(res, 200, mode(admin));
            case "log-levels" -> json(res, 200, team.logLevels().list(admin));
            case "invites" ->
                json(
                        res,
                        200,
                        team.invitations().list(admin).stream()
                                .map(i -> AdminViews.InviteView.of(
                                        i, team.invitations().now()))
                                .toList());
            case "default-rooms" ->
                json(
                        res,
                        200,
                        team.defaultRooms().list(admin).stream()
                                .map(ApiViews.RoomView::of)
                                .toList());
            case "bot-tokens" ->
                json(
                        res,
                        200,
                        team.bots().tokens(admin).stream()
                                .map(t -> AdminViews.BotTokenView.of(t, null))
                                .toList());
            case "webhooks" ->
                json(
                        res,
                        200,
                        team.webhooks().list(admin).stream()
                                .map(w -> AdminViews.WebhookView.of(w, null, null))
                                .toList());
            case "audit" -> {
                Long limit = Requests.longParam(req, "limit");
                json(
                        res,
                        200,
                        team
                                .audit()
                                .recent(admin, limit == null ? AuditLog.PAGE : (int) Math.min(limit, AuditLog.PAGE))
                                .stream()
                                .map(AdminViews.Audit::of)
                                .toList());
            }
            default -> throw noRoute();
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        long admin = Requests.principal(req).userId();
        List<String> path = Requests.segments(req);
        if (path.size() == 3 && path.get(0).equals("users")) {
            String username = path.get(1);
            Account account = switch (path.get(2)) {
                case "deactivate" -> team.people().deactivate(admin, username);
                case "reactivate" -> team.people().reactivate(admin, username);
                case "promote" -> team.people().promote(admin, username);
                case "demote" -> team.people().demote(admin, username);
                default -> throw noRoute();
            };
            json(res, 200, AdminViews.Person.of(account));
            return;
        }
        if (path.size() == 3 && path.get(2).equals("revoke")) {
            switch (path.get(0)) {
                case "invites" -> team.invitations().revoke(admin, Requests.id(path.get(1), "invite"));
                case "bot-tokens" -> team.bots().revoke(admin, Requests.id(path.get(1), "token"));
                case "webhooks" -> team.webhooks().revoke(admin, Requests.id(path.get(1), "webhook"));
                default -> throw noRoute();
            }
            res.setStatus(204);
            return;
        }
        if (path.size() == 3 && path.get(0).equals("bots") && path.get(2).equals("tokens")) {
            var issued = team.bots().issue(admin, path.get(1), Json.optionalText(Requests.jsonBody(req), "label"));
            json(res, 201, AdminViews.BotTokenView.of(issued.token(), issued.secret()));
            return;
        }
        if (path.size() != 1) throw noRoute();
        switch (path.get(0)) {
            case "log-levels" -> {
                JsonNode body = Requests.jsonBody(req);
                String logger = Json.text(body, "logger");
                String level =
                        body.path("level").isTextual() ? body.path("level").asText() : null;
                json(
                        res,
                        200,
                        java.util.Map.of(
                                "logger", logger, "level", team.logLevels().set(admin, logger, level)));
            }
            case "registration" -> {
                team.invitations().setMode(admin, Json.text(Requests.jsonBody(req), "mode"));
                json(res, 200, mode(admin));
            }
            case "invites" -> {
                JsonNode body = Requests.jsonBody(req);
                Invitations.Created created = team.invitations()
                        .create(
                                admin,
                                Json.optionalInt(body, "expiresInHours", 1, Invitations.MAX_HOURS),
                                Json.optionalInt(body, "maxUses", 1, Invitations.MAX_USES));
                json(
                        res,
                        201,
                        AdminViews.InviteView.of(
                                        created.invite(), team.invitations().now())
                                .withLink(created.token(), team.inviteLink(req, created.token())));
            }
            case "bots" ->
                json(
                        res,
                        201,
                        AdminViews.Person.of(team.bots().create(admin, Json.text(Requests.jsonBody(req), "username"))));
            case "webhooks" -> {
                JsonNode body = Requests.jsonBody(req);
                var created = team.webhooks().create(admin, Json.requiredLong(body, "roomId"), Json.text(body, "bot"));
                json(
                        res,
                        201,
                        AdminViews.WebhookView.of(
                                created.webhook(), created.token(), team.hookUrl(req, created.token())));
            }
            case "default-rooms" -> {
                JsonNode body = Requests.jsonBody(req);
                var room = team.defaultRooms()
                        .mark(admin, Json.requiredLong(body, "roomId"), Json.optionalBoolean(body, "default", true));
                json(res, 200, ApiViews.RoomView.of(room));
            }
            default -> throw noRoute();
        }
    }

    private AdminViews.Mode mode(long admin) {
        return AdminViews.Mode.of(
                team.invitations().mode(admin), team.invitations().defaultMode());
    }
}
