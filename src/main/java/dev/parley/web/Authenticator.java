package dev.parley.web;

import dev.parley.auth.Principal;
import dev.parley.chat.Bots;
import dev.parley.chat.ChatException;
import dev.parley.chat.ErrorCode;
import dev.parley.chat.Sessions;
import dev.parley.chat.StoreException;
import dev.parley.chat.TokenPair;
import dev.parley.util.FailureLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Finds who is calling — from {@code Authorization: Bearer} (a person's access token or a bot's
 * API token) or the access cookie — and leaves the
 * {@link Principal} on the request. A browser whose access token has lapsed is refreshed on the
 * spot from its refresh cookie, so it stays signed in without noticing. Enforcing sign-in is left
 * to each endpoint.
 */
final class Authenticator extends HttpFilter {

    private static final FailureLog FAILURES = new FailureLog(LoggerFactory.getLogger(Authenticator.class));

    static final String PRINCIPAL = Principal.class.getName();
    static final String VIA_COOKIE = "parley.viaCookie";
    /** When the access token that proved the principal expires: a socket opened with it lives until then. */
    static final String EXPIRES = "parley.accessExpires";

    private final Sessions sessions;
    private final Bots bots;
    private final Cookies cookies;

    Authenticator(Sessions sessions, Bots bots, Cookies cookies) {
        this.sessions = sessions;
        this.bots = bots;
        this.cookies = cookies;
    }

    /** Who a bearer token speaks for: a person's access token, or a bot's API token. */
    static Optional<Principal> bearer(String token, Sessions sessions, Bots bots) {
        return Bots.looksLikeToken(token) ? bots.authenticate(token) : sessions.authenticate(token);
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        Optional<Principal> who;
        try {
            who = identify(req, res);
        } catch (StoreException e) {
            // Sessions live in the database: without it nobody can be told apart, so nothing is served.
            FAILURES.failed(req.getMethod() + " " + req.getRequestURI() + " (checking the session)", e);
            ApiServlet.error(
                    res,
                    new ChatException(
                            ErrorCode.UNAVAILABLE,
                            "The server cannot reach its database right now; try again in a moment."));
            return;
        }
        who.ifPresent(p -> req.setAttribute(PRINCIPAL, p));
        chain.doFilter(req, res);
    }

    private Optional<Principal> identify(HttpServletRequest req, HttpServletResponse res) {
        String bearer = bearer(req);
        Optional<Principal> who;
        if (bearer != null) {
            who = bearer(bearer, sessions, bots);
            // A person's access token expires, and its sockets with it; a bot's token lasts until revoked.
            if (!Bots.looksLikeToken(bearer)) who.ifPresent(p -> req.setAttribute(EXPIRES, sessions.expiresAt(bearer)));
        } else {
            String access = Cookies.read(req, Cookies.ACCESS);
            who = sessions.authenticate(access);
            if (who.isPresent()) {
                req.setAttribute(EXPIRES, sessions.expiresAt(access));
            } else {
                who = refreshFromCookie(req, res);
            }
            who.ifPresent(p -> req.setAttribute(VIA_COOKIE, Boolean.TRUE));
        }
        return who;
    }

    private Optional<Principal> refreshFromCookie(HttpServletRequest req, HttpServletResponse res) {
        String refresh = Cookies.read(req, Cookies.REFRESH);
        if (refresh == null) return Optional.empty();
        Optional<TokenPair> pair = sessions.refreshFromCookie(refresh);
        if (pair.isEmpty()) {
            cookies.signOut(res);
            return Optional.empty();
        }
        cookies.signIn(res, pair.get());
        req.setAttribute(EXPIRES, sessions.expiresAt(pair.get().accessToken()));
        return Optional.of(pair.get().principal());
    }

    static String bearer(HttpServletRequest req) {
        String header = req.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return header.substring(7).trim();
    }
}
