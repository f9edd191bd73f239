package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.AccessTokens;
import dev.parley.store.Database;
import dev.parley.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private final MutableClock clock = MutableClock.now();
    private Database database;
    private Sessions sessions;
    private Account alice;

    @BeforeEach
    void openDatabase() throws Exception {
        Path dir = Files.createTempDirectory("parley-sessions");
        database = Database.open("jdbc:sqlite:" + dir.resolve("test.db"));
        var stores = database.stores();
        var tokens = new AccessTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock);
        sessions =
                new Sessions(stores.sessions(), stores.users(), tokens, new dev.parley.cluster.LocalEventBus(), clock);
        alice = stores.users().register("alice", "not-a-real-hash");
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aNewSessionAuthenticatesItsAccessToken() {
        TokenPair pair = sessions.start(alice);
        assertThat(sessions.authenticate(pair.accessToken())).hasValueSatisfying(p -> {
            assertThat(p.userId()).isEqualTo(alice.id());
            assertThat(p.username()).isEqualTo("alice");
            assertThat(p.sessionId()).isEqualTo(pair.principal().sessionId());
        });
    }

    @Test
    void refreshingRotatesTheRefreshToken() {
        TokenPair first = sessions.start(alice);
        TokenPair second = sessions.refresh(first.refreshToken()).orElseThrow();
        assertThat(second.refreshToken()).isNotNull().isNotEqualTo(first.refreshToken());
        assertThat(second.principal().sessionId()).isEqualTo(first.principal().sessionId());
        assertThat(sessions.refresh(second.refreshToken())).isPresent();
    }

    @Test
    void aRaceWithinTheGracePeriodGetsAnAccessTokenButNoNewRefreshToken() {
        TokenPair first = sessions.start(alice);
        sessions.refresh(first.refreshToken()).orElseThrow();
        TokenPair loser = sessions.refresh(first.refreshToken()).orElseThrow();
        assertThat(loser.refreshToken()).isNull();
        assertThat(sessions.authenticate(loser.accessToken())).isPresent();
    }

    @Test
    void twoTabsRacingWithOneRefreshCookieBothStaySignedIn() {
        TokenPair first = sessions.start(alice);
        TokenPair winner = sessions.refreshFromCookie(first.refreshToken()).orElseThrow();
        clock.advance(Sessions.COOKIE_RACE_GRACE.minusMillis(100));

        TokenPair loser = sessions.refreshFromCookie(first.refreshToken()).orElseThrow();

        assertThat(loser.refreshToken())
                .as("the browser already holds the winner's cookie")
                .isNull();
        assertThat(sessions.authenticate(loser.accessToken())).isPresent();
        assertThat(sessions.refreshFromCookie(winner.refreshToken())).isPresent();
    }

    @Test
    void aRefreshCookieReplayedAfterTheRaceWindowEndsTheSession() {
        TokenPair first = sessions.start(alice);
        TokenPair owner = sessions.refreshFromCookie(first.refreshToken()).orElseThrow();
        clock.advance(Sessions.COOKIE_RACE_GRACE.plusMillis(100));

        assertThat(sessions.refreshFromCookie(first.refreshToken())).isEmpty();
        assertThat(sessions.authenticate(owner.accessToken())).isEmpty();
        assertThat(sessions.refreshFromCookie(owner.refreshToken())).isEmpty();
    }

    @Test
    void replayingASpentRefreshTokenRevokesTheWholeSession() {
        TokenPair first = sessions.start(alice);
        TokenPair second = sessions.refresh(first.refreshToken()).orElseThrow();
        clock.advance(Sessions.REUSE_GRACE.plusSeconds(1));

        assertThat(sessions.refresh(first.refreshToken())).isEmpty();
        assertThat(sessions.refresh(second.refreshToken()))
                .as("the thief's and the owner's tokens both die")
                .isEmpty();
        assertThat(sessions.authenticate(second.accessToken())).isEmpty();
    }

    @Test
    void endingASessionRefusesItsTokens() {
        TokenPair pair = sessions.start(alice);
        sessions.end(pair.principal().sessionId());
        assertThat(sessions.authenticate(pair.accessToken())).isEmpty();
        assertThat(sessions.refresh(pair.refreshToken())).isEmpty();
    }

    @Test
    void otherSessionsOfTheSameUserLiveOn() {
        TokenPair laptop = sessions.start(alice);
        TokenPair phone = sessions.start(alice);
        sessions.end(laptop.principal().sessionId());
        assertThat(sessions.authenticate(phone.accessToken())).isPresent();
    }

    @Test
    void anExpiredRefreshTokenIsRefused() {
        TokenPair pair = sessions.start(alice);
        clock.advance(Sessions.REFRESH_LIFETIME.plus(Duration.ofMinutes(1)));
        assertThat(sessions.refresh(pair.refreshToken())).isEmpty();
    }

    @Test
    void unknownOrBlankRefreshTokensAreRefused() {
        assertThat(sessions.refresh("made-up")).isEmpty();
        assertThat(sessions.refresh("")).isEmpty();
        assertThat(sessions.refresh(null)).isEmpty();
    }
}
