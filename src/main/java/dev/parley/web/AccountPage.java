package dev.parley.web;

import dev.parley.auth.Principal;
import dev.parley.chat.Accounts;
import dev.parley.chat.ChatException;
import dev.parley.chat.Sessions;
import dev.parley.render.Templates;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code /account}: your display name, changing your password (which signs out your other
 * devices), or signing out everywhere.
 */
final class AccountPage extends PageServlet {

    private final Accounts accounts;
    private final Sessions sessions;
    private final Cookies cookies;

    AccountPage(Accounts accounts, Sessions sessions, Templates templates, SameOrigin sameOrigin, Cookies cookies) {
        super(templates, sameOrigin);
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        show(req, res, me, 200, Form.EMPTY, Form.EMPTY, "true".equals(req.getParameter("changed")));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        if ("everywhere".equals(req.getParameter("signOut"))) {
            sessions.endAllOf(me.userId(), null);
            cookies.signOut(res);
            res.sendRedirect("/login");
            return;
        }
        String displayName = req.getParameter("displayName");
        if (displayName != null) {
            try {
                accounts.setDisplayName(me, displayName);
                res.sendRedirect("/account");
            } catch (ChatException e) {
                var form = Form.failed(Map.of("displayName", displayName), e, "displayName");
                show(req, res, me, e.code.httpStatus, form, Form.EMPTY, false);
            }
            return;
        }
        try {
            accounts.changePassword(me, req.getParameter("currentPassword"), req.getParameter("newPassword"));
            res.sendRedirect("/account?changed=true");
        } catch (ChatException e) {
            show(req, res, me, e.code.httpStatus, null, Form.failed(Map.of(), e, "newPassword"), false);
        }
    }

    /** {@code profile} is null to show the stored display name. */
    private void show(
            HttpServletRequest req,
            HttpServletResponse res,
            Principal me,
            int status,
            Form profile,
            Form form,
            boolean changed)
            throws IOException {
        if (profile == null || profile == Form.EMPTY) {
            String stored = accounts.byId(me.userId()).displayName();
            profile = new Form(Map.of("displayName", stored == null ? "" : stored), Map.of());
        }
        page(req, res, status, "pages/account.jte", Map.of("profile", profile, "form", form, "changed", changed));
    }
}
