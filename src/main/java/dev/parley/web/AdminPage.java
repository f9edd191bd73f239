package dev.parley.web;
import dev.parley.render.Templates;

import dev.parley.auth.Principal;
import dev.parley.chat.Accounts;
import dev.parley.chat.ChatException;
import dev.parley.chat.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** {@code /admin}: who has an account; making someone an admin; giving someone a new password. Admins only. */
final class AdminPage extends PageServlet {

    private final Accounts accounts;
    private final String databaseName;

    AdminPage(Accounts accounts, String databaseName, Templates templates, SameOrigin sameOrigin) {
        super(templates, sameOrigin);
        this.accounts = accounts;
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
        String action = String.join("/", Requests.segments(req));
        String username = req.getParameter("username");
        var values = Map.of("username", username == null ? "" : username);
        try {
            switch (action) {
                case "admins" -> {
                    accounts.grantAdmin(me.userId(), username);
                    res.sendRedirect("/admin");
                }
                case "password-resets" -> {
                    Accounts.Reset reset = accounts.resetPassword(me.userId(), username);
                    show(req, res, 200, Map.of("reset", reset));
                }
                default -> throw ChatException.notFound("page");
            }
        } catch (ChatException e) {
            if (e.code != ErrorCode.NOT_FOUND || action.isEmpty()) throw e;
            String form = action.equals("admins") ? "grant" : "resetForm";
            show(req, res, 404, Map.of(form, Form.failed(values, e, "username")));
        }
    }

    private void show(HttpServletRequest req, HttpServletResponse res, int status, Map<String, Object> extra) throws IOException {
        Principal me = Requests.principal(req);
        var model = new HashMap<String, Object>();
        model.put("users", accounts.all(me.userId()));
        model.put("database", databaseName);
        model.put("grant", Form.EMPTY);
        model.put("resetForm", Form.EMPTY);
        model.put("reset", null);
        model.putAll(extra);
        page(req, res, status, "pages/admin.jte", model);
    }
}
