package dev.parley.web;

import dev.parley.chat.Account;
import dev.parley.chat.Accounts;
import dev.parley.chat.Admission;
import dev.parley.chat.ChatException;
import dev.parley.chat.Sessions;
import dev.parley.render.Templates;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** {@code /register}, {@code /login} and {@code /logout} (a page with a button; only its POST signs out) for browsers. */
final class AuthPages extends PageServlet {

    private final Accounts accounts;
    private final Admission admission;
    private final Sessions sessions;
    private final Cookies cookies;

    AuthPages(
            Accounts accounts,
            Admission admission,
            Sessions sessions,
            Templates templates,
            SameOrigin sameOrigin,
            Cookies cookies) {
        super(templates, sameOrigin);
        this.accounts = accounts;
        this.admission = admission;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        switch (req.getServletPath()) {
            case "/register", "/login" -> {
                if (Requests.signedIn(req)) {
                    res.sendRedirect(safeNext(req.getParameter("next")));
                } else {
                    form(req, res, 200, Form.EMPTY);
                }
            }
            // A GET must not end the session: any site can make a browser send one (an image, a link).
            case "/logout" -> page(req, res, 200, "pages/logout.jte", Map.of());
            default -> super.doGet(req, res);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (req.getServletPath().equals("/logout")) {
            logOut(req, res);
            return;
        }
        boolean signUp = req.getServletPath().equals("/register");
        String username = req.getParameter("username");
        String password = req.getParameter("password");
        try {
            String address = Requests.address(req);
            Account account = signUp
                    ? accounts.register(username, password, address, req.getParameter("invite"))
                    : accounts.logIn(username, password, address);
            cookies.signIn(res, sessions.start(account));
            res.sendRedirect(safeNext(req.getParameter("next")));
        } catch (ChatException e) {
            Requests.retryAfter(res, e);
            var values = Map.of("username", username == null ? "" : username);
            form(req, res, e.code.httpStatus, Form.failed(values, e, signUp ? "username" : "password"));
        }
    }

    private void form(HttpServletRequest req, HttpServletResponse res, int status, Form form) throws IOException {
        boolean signUp = req.getServletPath().equals("/register");
        String next = safeNext(req.getParameter("next"));
        String invite = signUp && req.getParameter("invite") != null ? req.getParameter("invite") : "";
        // Before anyone types, the page says plainly when sign-up cannot work: closed, invite only, a dead link.
        String refusal = signUp && status == 200 ? admission.refusal(invite).orElse(null) : null;
        page(
                req,
                res,
                refusal == null ? status : 403,
                "pages/signin.jte",
                Map.of(
                        "signUp",
                        signUp,
                        "form",
                        form,
                        "next",
                        next,
                        "invite",
                        invite,
                        "refusal",
                        refusal == null ? "" : refusal));
    }

    private void logOut(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (Requests.signedIn(req)) sessions.end(Requests.principal(req).sessionId());
        cookies.signOut(res);
        res.sendRedirect("/login");
    }
}
