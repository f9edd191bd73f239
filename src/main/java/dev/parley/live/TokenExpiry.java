package dev.parley.live;

import dev.parley.auth.Principal;
import dev.parley.chat.ChatException;
import dev.parley.chat.ErrorCode;
import dev.parley.chat.Sessions;
import jakarta.websocket.CloseReason.CloseCodes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A socket lives as long as the access token it was opened with (or last renewed with), not a
 * moment longer: HTTP refuses that token from then on, and so must the socket.
 *
 * <ul>
 *   <li>A page's socket closes with {@link #EXPIRED} (1013), which htmx retries: the new handshake
 *       carries the refreshed cookie, and the page catches up by {@code sync}.</li>
 *   <li>A program is told {@link #WARN_BEFORE} ahead with a {@code token-expiring} event, and may
 *       renew in-band with {@code refresh-token} ({@link #renew}); otherwise it is closed the same way.</li>
 *   <li>A session that has ended gets no grace: its sockets close with 1008 (signed out), which
 *       nothing retries, at the latest when this check sees it.</li>
 * </ul>
 *
 * <p>{@link #check} runs on the live clock, which never waits on the database: asking whether a
 * session is still live happens on another thread, once per warning or expiry.
 */
public final class TokenExpiry {

    static final Duration WARN_BEFORE = Duration.ofSeconds(60);
    static final CloseCodes EXPIRED = CloseCodes.TRY_AGAIN_LATER;

    record Expiring(Instant expiresAt, long expiresInMs) {}

    record Renewed(Instant expiresAt) {}

    private final Sessions sessions;
    private final Clock clock;

    public TokenExpiry(Sessions sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** On the live clock, for every open socket. */
    void check(Connection c) {
        Instant expires = c.tokenExpires();
        if (expires == null || c.isClosing()) return;
        Instant now = clock.instant();
        if (!now.isBefore(expires)) {
            if (c.expireOnce(expires)) CompletableFuture.runAsync(() -> expire(c));
        } else if (c.format == Format.JSON && !now.isBefore(expires.minus(WARN_BEFORE)) && c.warnOnce(expires)) {
            CompletableFuture.runAsync(() -> warn(c, expires));
        }
    }

    private void expire(Connection c) {
        if (!sessions.isActive(c.principal.sessionId())) {
            c.close(CloseCodes.VIOLATED_POLICY, "signed out");
        } else {
            c.close(EXPIRED, "access token expired");
        }
    }

    private void warn(Connection c, Instant expires) {
        if (!sessions.isActive(c.principal.sessionId())) {
            c.close(CloseCodes.VIOLATED_POLICY, "signed out");
            return;
        }
        c.send(Wire.event(
                "token-expiring",
                new Expiring(expires, Duration.between(clock.instant(), expires).toMillis())));
    }

    /**
     * A program hands its socket a fresh access token before the old one expires. It must prove the
     * same live session: a token of another session or person is refused, and the socket keeps its
     * old expiry.
     */
    Renewed renew(Connection c, String accessToken) {
        Principal fresh = sessions.authenticate(accessToken)
                .orElseThrow(() -> new ChatException(ErrorCode.UNAUTHORIZED, "That access token is not valid."));
        if (fresh.userId() != c.principal.userId() || !fresh.sessionId().equals(c.principal.sessionId())) {
            throw new ChatException(ErrorCode.FORBIDDEN, "accessToken", "That token belongs to another session.");
        }
        Instant expires = sessions.expiresAt(accessToken);
        c.tokenRenewed(expires);
        return new Renewed(expires);
    }
}
