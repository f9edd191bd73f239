package dev.parley.chat;

import dev.parley.auth.AccessTokens;
import dev.parley.auth.Principal;
import dev.parley.chat.ChatEvent.SessionEnded;
import dev.parley.chat.ChatEvent.UserSessionsEnded;
import dev.parley.chat.SessionStore.Rotation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Sign-in sessions: short-lived access tokens plus opaque refresh tokens that rotate on every use.
 * Replaying a spent refresh token revokes its whole session, because only a thief has one.
 */
public final class Sessions {

    public static final Duration REFRESH_LIFETIME = Duration.ofDays(30);
    /** Two requests of one program may race to refresh; the loser is not a thief. */
    static final Duration REUSE_GRACE = Duration.ofSeconds(20);
    /**
     * The same race for a browser's cookie, kept much shorter: the tabs of one browser share the
     * cookie and reconnect together when their access token runs out, within milliseconds of each
     * other, while a thief's replay of a stolen cookie would need to land inside this window.
     */
    public static final Duration COOKIE_RACE_GRACE = Duration.ofSeconds(2);

    private final SessionStore store;
    private final UserStore users;
    private final AccessTokens accessTokens;
    private final EventBus bus;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Sessions(SessionStore store, UserStore users, AccessTokens accessTokens, EventBus bus, Clock clock) {
        this.store = store;
        this.users = users;
        this.accessTokens = accessTokens;
        this.bus = bus;
        this.clock = clock;
    }

    public TokenPair start(Account account) {
        var principal = new Principal(account.id(), account.username(), account.admin(), randomToken(16));
        String refresh = randomToken(32);
        store.create(
                principal.sessionId(),
                account.id(),
                hash(refresh),
                clock.instant().plus(REFRESH_LIFETIME),
                clock.instant());
        return pair(principal, refresh);
    }

    /** Spends a refresh token for a new pair; empty when it is unknown, expired, revoked or replayed. */
    public Optional<TokenPair> refresh(String refreshToken) {
        return refresh(refreshToken, REUSE_GRACE);
    }

    /**
     * A browser's refresh, from its cookie. A token spent within {@link #COOKIE_RACE_GRACE} is a
     * sibling tab's race and gets an access token alone (its browser already holds the new refresh
     * cookie); spent any earlier, it counts as a replay and ends the session.
     */
    public Optional<TokenPair> refreshFromCookie(String refreshToken) {
        return refresh(refreshToken, COOKIE_RACE_GRACE);
    }

    private Optional<TokenPair> refresh(String refreshToken, Duration raceGrace) {
        if (refreshToken == null || refreshToken.isBlank()) return Optional.empty();
        var now = clock.instant();
        String next = randomToken(32);
        Rotation rotation =
                store.rotate(hash(refreshToken), hash(next), now.plus(REFRESH_LIFETIME), now, now.minus(raceGrace));
        if (rotation instanceof Rotation.Rotated r)
            return principal(r.userId(), r.sessionId()).map(p -> pair(p, next));
        if (rotation instanceof Rotation.RecentlySpent r)
            return principal(r.userId(), r.sessionId()).map(p -> pair(p, null));
        // The store revoked the session a thief's replay gave away: its live sockets close too.
        if (rotation instanceof Rotation.ReuseDetected r) bus.publish(new SessionEnded(r.sessionId()));
        return Optional.empty();
    }

    /** When an access token that {@link #authenticate} accepted expires. */
    public java.time.Instant expiresAt(String accessToken) {
        return accessTokens
                .expiresAt(accessToken)
                .orElseGet(() -> clock.instant().plus(AccessTokens.LIFETIME));
    }

    /** Whether the session is still live: not ended, revoked or expired. */
    public boolean isActive(String sessionId) {
        return store.isActive(sessionId);
    }

    /** The principal of a valid access token whose session is still live. */
    public Optional<Principal> authenticate(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) return Optional.empty();
        return accessTokens.verify(accessToken).filter(p -> store.isActive(p.sessionId()));
    }

    /** Ends one session; its live sockets close, on every instance. */
    public void end(String sessionId) {
        store.revoke(sessionId, clock.instant());
        bus.publish(new SessionEnded(sessionId));
    }

    /** Ends every session of the user but {@code kept} (all of them when null): other devices must sign in again. */
    public void endAllOf(long userId, String kept) {
        store.revokeAllOf(userId, kept, clock.instant());
        bus.publish(new UserSessionsEnded(userId, kept));
    }

    /** Deletes expired refresh tokens and sessions that can never be used again; how many rows went. */
    public int sweep() {
        return store.sweep(clock.instant());
    }

    private Optional<Principal> principal(long userId, String sessionId) {
        return users.findById(userId).map(a -> new Principal(a.id(), a.username(), a.admin(), sessionId));
    }

    private TokenPair pair(Principal principal, String refreshToken) {
        return new TokenPair(principal, accessTokens.issue(principal), refreshToken, AccessTokens.LIFETIME.toSeconds());
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String token) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
