package dev.parley.web;

import dev.parley.auth.Principal;
import dev.parley.chat.Accounts;
import dev.parley.chat.ChatException;
import dev.parley.chat.ErrorCode;
import dev.parley.chat.Invitations;
import dev.parley.chat.Rooms;
import dev.parley.render.Templates;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin}: who has an account, and an admin's say over it — admin rights, deactivation, new
 * passwords; who may sign up and with which invite links; the rooms newcomers land in; bots, their
 * API tokens and webhooks; the audit log of all of it. Admins only. Every action is a plain form post that comes back to the page.
 */
final class AdminPage extends PageServlet {

    private final TeamAdmin team;
    private final Rooms rooms;
    private final String databaseName;

    AdminPage(TeamAdmin team, Rooms rooms, String databaseName, Templates templates, SameOrigin sameOrigin) {
        super(templates, sameOrigin);
        this.team = team;
        this.rooms = rooms;
        this.databaseName = databaseName;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (!Requests.segments(req).isEmpty()) throw ChatException.notFound("page");
        show(req, res, 200, Map.of());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        List<String> path = Requests.segments(req);
        String action = String.join("/", path);
        String username = req.getParameter("username");
        var values = Map.of("username", username == null ? "" : username);
        long admin = me.userId();
        try {
            switch (action) {
                case "admins" -> team.people().promote(admin, username);
                case "demotions" -> team.people().demote(admin, username);
                case "deactivations" -> team.people().deactivate(admin, username);
                case "reactivations" -> team.people().reactivate(admin, username);
                case "password-resets" -> {
                    Accounts.Reset reset = team.people().resetPassword(admin, username);
                    show(req, res, 200, Map.of("reset", reset));
                    return;
                }
                case "registration" -> team.invitations().setMode(admin, req.getParameter("mode"));
                case "invites" -> {
                    Invitations.Created created =
                            team.invitations().create(admin, number(req, "expiresInHours"), number(req, "maxUses"));
                    show(req, res, 200, Map.of("newInvite", team.inviteLink(req, created.token())));
                    return;
                }
                case "bots" -> team.bots().create(admin, username);
                case "bot-tokens" -> {
                    var issued = team.bots().issue(admin, req.getParameter("bot"), req.getParameter("label"));
                    show(
                            req,
                            res,
                            200,
                            Map.of(
                                    "newSecret",
                                    "API token for " + issued.token().bot().username() + ": " + issued.secret()));
                    return;
                }
                case "webhooks" -> {
                    var created = team.webhooks()
                            .create(admin, Requests.id(req.getParameter("roomId"), "room"), req.getParameter("bot"));
                    show(req, res, 200, Map.of("newSecret", "Webhook URL: " + team.hookUrl(req, created.token())));
                    return;
                }
                case "default-rooms" ->
                    team.defaultRooms()
                            .mark(
                                    admin,
                                    Requests.id(req.getParameter("roomId"), "room"),
                                    !"off".equals(req.getParameter("default")));
                default -> {
                    if (path.size() != 3 || !path.get(2).equals("revoke")) throw ChatException.notFound("page");
                    switch (path.get(0)) {
                        case "invites" -> team.invitations().revoke(admin, Requests.id(path.get(1), "invite"));
                        case "bot-tokens" -> team.bots().revoke(admin, Requests.id(path.get(1), "token"));
                        case "webhooks" -> team.webhooks().revoke(admin, Requests.id(path.get(1), "webhook"));
                        default -> throw ChatException.notFound("page");
                    }
                }
            }
            res.sendRedirect("/admin");
        } catch (ChatException e) {
            // Only an admin's mistakes come back to the page; a non-admin gets the plain refusal.
            if (e.code == ErrorCode.FORBIDDEN && e.field == null || action.isEmpty()) throw e;
            String form = switch (action) {
                case "admins" -> "grant";
                case "password-resets" -> "resetForm";
                default -> null;
            };
            show(
                    req,
                    res,
                    e.code.httpStatus,
                    form == null ? Map.of("error", e.getMessage()) : Map.of(form, Form.failed(values, e, "username")));
        }
    }

    /** A number typed into a form; empty means "no limit". */
    private static Integer number(HttpServletRequest req, String name) {
        String value = req.getParameter(name);
        if (value == null || value.isBlank()) return null;
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ChatException.invalid(name, "A whole number, or nothing.");
        }
    }

    private void show(HttpServletRequest req, HttpServletResponse res, int status, Map<String, Object> extra)
            throws IOException {
        Principal me = Requests.principal(req);
        long admin = me.userId();
        var model = new HashMap<String, Object>();
        model.put("users", team.people().all(admin));
        model.put("database", databaseName);
        model.put("grant", Form.EMPTY);
        model.put("resetForm", Form.EMPTY);
        model.put("reset", null);
        model.put("error", null);
        model.put("newInvite", null);
        model.put("mode", team.invitations().mode(admin));
        model.put("invites", team.invitations().list(admin));
        model.put("now", team.invitations().now());
        model.put("defaultRooms", team.defaultRooms().list(admin));
        model.put(
                "channels",
                rooms.listFor(me).stream()
                        .map(l -> l.room())
                        .filter(r -> !r.isDirect())
                        .toList());
        model.put("audit", team.audit().recent(admin, 50));
        model.put("botTokens", team.bots().tokens(admin));
        model.put("webhooks", team.webhooks().list(admin));
        model.put("newSecret", null);
        model.putAll(extra);
        page(req, res, status, "pages/admin.jte", model);
    }
}
