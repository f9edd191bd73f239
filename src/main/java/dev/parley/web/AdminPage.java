package dev.parley.web;

import dev.parley.Parley;
import dev.parley.auth.Principal;
import dev.parley.chat.ChatException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** {@code /admin}: who has an account, and making someone an admin. Admins only. */
final class AdminPage extends PageServlet {

    private final Parley parley;

    AdminPage(Parley parley, Templates templates, SameOrigin sameOrigin) {
        super(templates, sameOrigin);
        this.parley = parley;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        show(req, res, 200, Form.EMPTY);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        String username = req.getParameter("username");
        try {
            parley.accounts.grantAdmin(me.userId(), username);
            res.sendRedirect("/admin");
        } catch (ChatException e) {
            if (e.code != dev.parley.chat.ErrorCode.NOT_FOUND) throw e;
            show(req, res, 404, Form.failed(Map.of("username", username == null ? "" : username), e, "username"));
        }
    }

    private void show(HttpServletRequest req, HttpServletResponse res, int status, Form grant) throws IOException {
        Principal me = Requests.principal(req);
        var users = parley.accounts.all(me.userId());
        page(req, res, status, "pages/admin.jte", Map.of("users", users, "grant", grant,
                "database", parley.config.databaseUrl().startsWith("jdbc:postgresql:") ? "PostgreSQL" : "SQLite"));
    }
}
