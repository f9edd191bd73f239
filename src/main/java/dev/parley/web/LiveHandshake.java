package dev.parley.web;

import dev.parley.auth.Principal;
import dev.parley.chat.Bots;
import dev.parley.chat.ChatException;
import dev.parley.chat.ErrorCode;
import dev.parley.chat.Quotas;
import dev.parley.chat.Sessions;
import dev.parley.chat.TryLater;
import dev.parley.live.Format;
import dev.parley.live.Live;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /ws}: checks who is connecting before anything upgrades. A browser rides on its access
 * cookie (refreshed silently like any page request) and must come from Parley's own origin, or
 * any site could open a socket in its name; a program presents a bearer token, in the header or as
 * {@code ?access_token=}. A failed check is a plain 401 or 403 answer.
 */
final class LiveHandshake extends ApiServlet {

    private final Live live;
    private final Sessions sessions;
    private final Bots bots;
    private final SameOrigin sameOrigin;
    private final Quotas quotas;
    private final int maxSockets;
    /** Sockets close when pages do; a few seconds usually frees one. */
    private static final Duration SOCKET_RETRY = Duration.ofSeconds(5);

    LiveHandshake(Live live, Sessions sessions, Bots bots, SameOrigin sameOrigin, Quotas quotas) {
        super(sameOrigin);
        this.live = live;
        this.sessions = sessions;
        this.bots = bots;
        this.sameOrigin = sameOrigin;
        this.quotas = quotas;
        this.maxSockets = quotas.limits().socketsPerPerson();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (!"websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            throw ChatException.invalid(null, "This is the WebSocket endpoint: connect with a WebSocket client.");
        }
        Principal principal = principal(req)
                .orElseThrow(() -> new ChatException(
                        ErrorCode.UNAUTHORIZED, "Sign in first: send the access cookie or a bearer token."));
        if (Boolean.TRUE.equals(req.getAttribute(Authenticator.VIA_COOKIE)) && !sameOrigin.allowsSocket(req)) {
            throw new ChatException(ErrorCode.FORBIDDEN, "This origin may not open a socket here.");
        }
        var container = (ServerContainer) getServletContext().getAttribute(ServerContainer.class.getName());
        try {
            if (live.socketsOf(principal.userId()) >= maxSockets) {
                throw TryLater.rateLimited(
                        "You have " + maxSockets + " sockets open, the most one person may; close some.", SOCKET_RETRY);
            }
            // Open on this instance is capped above; how fast they are opened counts on every instance.
            quotas.socketOpening(principal.userId());
            container.upgradeHttpToWebSocket(
                    req, res, live.endpointFor(principal, format(req), viewing(req), expiresAt(req)), Map.of());
        } catch (DeploymentException e) {
            throw new IllegalStateException("cannot upgrade to the live endpoint", e);
        }
    }

    private Optional<Principal> principal(HttpServletRequest req) {
        if (Requests.signedIn(req)) return Optional.of(Requests.principal(req));
        String token = req.getParameter("access_token");
        if (token == null) return Optional.empty();
        Optional<Principal> who = Authenticator.bearer(token, sessions, bots);
        if (!Bots.looksLikeToken(token))
            who.ifPresent(p -> req.setAttribute(Authenticator.EXPIRES, sessions.expiresAt(token)));
        return who;
    }

    private Instant expiresAt(HttpServletRequest req) {
        return (Instant) req.getAttribute(Authenticator.EXPIRES);
    }

    private static Format format(HttpServletRequest req) {
        String asked = req.getHeader("Sec-WebSocket-Protocol");
        boolean json = "json".equals(req.getParameter("format"))
                || (asked != null
                        && java.util.Arrays.stream(asked.split(","))
                                .map(String::trim)
                                .anyMatch(Format.JSON_SUBPROTOCOL::equals));
        return json ? Format.JSON : Format.HTML;
    }

    /** The room a page shows, from {@code ?room=}; 0 when none. */
    private static long viewing(HttpServletRequest req) {
        String room = req.getParameter("room");
        if (room == null) return 0;
        if (!room.matches("\\d{1,18}")) throw ChatException.invalid("room", "room must be a room id.");
        return Long.parseLong(room);
    }
}
