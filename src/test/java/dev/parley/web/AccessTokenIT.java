package dev.parley.web;

import static dev.parley.web.Person.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.MutableClock;
import dev.parley.TestServer;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tokens the server did not issue, or no longer honours, are refused with 401 and the JSON error
 * shape. Tokens are minted here with the server's own key, so each refusal is about exactly one flaw.
 */
class AccessTokenIT {

    private final MutableClock clock = MutableClock.now();
    private TestServer server;
    private ApiClient api;
    private ApiClient.Session alice;

    @BeforeEach
    void start() {
        server = TestServer.start(UnaryOperator.identity(), clock);
        api = new ApiClient(server);
        alice = api.register(ALICE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aTokenMintedWithTheServersKeyAndAliceClaimsIsAccepted() throws Exception {
        // The control for every refusal below: the minting itself is sound.
        String token = sign(serverKey(), claims().build());

        assertThat(api.get("/api/me", token).status()).isEqualTo(200);
    }

    @Test
    void aTokenSignedWithAnotherKeyIs401() throws Exception {
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);

        assertRefused(sign(otherKey, claims().build()));
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        var claims = claims().issueTime(Date.from(past)).expirationTime(Date.from(past.plus(Duration.ofMinutes(15)))).build();

        assertRefused(sign(serverKey(), claims));
    }

    @Test
    void aTokenIssuedByAServerWhoseClockWasAnHourBehindIs401() {
        clock.advance(Duration.ofHours(-1));
        var stale = api.login(ALICE);

        assertRefused(stale.accessToken());
    }

    @Test
    void anAlgNoneTokenIs401() throws Exception {
        String unsigned = new PlainJWT(claims().build()).serialize();

        assertRefused(unsigned);
    }

    @Test
    void anAlgNoneTokenKeepingARealSignatureIs401() throws Exception {
        String[] real = alice.accessToken().split("\\.");
        String noneHeader = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());

        assertRefused(noneHeader + "." + real[1] + "." + real[2]);
        assertRefused(noneHeader + "." + real[1] + ".");
    }

    @Test
    void aTokenForAnotherAudienceOrIssuerIs401() throws Exception {
        assertRefused(sign(serverKey(), claims().audience("someone-else").build()));
        assertRefused(sign(serverKey(), claims().issuer("someone-else").build()));
    }

    @Test
    void aTokenWithATamperedPayloadIs401() {
        String[] parts = alice.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"alice\"", "\"admin\"");

        assertRefused(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9"})
    void aGarbageTokenIs401(String token) {
        assertRefused(token);
    }

    @Test
    void aSpentRefreshTokenReplayedAfterTheGraceWindowRevokesTheWholeSession() {
        var rotated = ApiClient.Session.of(api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken())).json());
        clock.advance(Duration.ofSeconds(21));

        Reply replay = api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken()));

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.errorCode()).isEqualTo("unauthorized");
        // Only a thief holds a token spent that long ago: every token of the family is now dead.
        assertRefused(rotated.accessToken());
        assertThat(api.post("/api/auth/refresh", null, Map.of("refreshToken", rotated.refreshToken())).status()).isEqualTo(401);
    }

    @Test
    void replayingASpentRefreshTokenLeavesOtherSessionsAlone() {
        var laptop = api.login(ALICE);
        api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken()));
        clock.advance(Duration.ofSeconds(21));

        api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken()));

        assertThat(api.get("/api/me", laptop.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void anExpiredRefreshTokenIs401() {
        clock.advance(Duration.ofDays(31));

        Reply r = api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken()));

        assertThat(r.status()).isEqualTo(401);
    }

    private void assertRefused(String token) {
        Reply r = api.get("/api/me", token);
        assertThat(r.status()).as("token %s", token).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthorized");
        assertThat(r.json().path("error").path("message").asText()).isNotBlank();
    }

    /** Alice's real claims (her session included), valid for the next quarter hour. */
    private JWTClaimsSet.Builder claims() throws ParseException {
        var real = SignedJWT.parse(alice.accessToken()).getJWTClaimsSet();
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder(real).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(15))));
    }

    private byte[] serverKey() throws Exception {
        return Base64.getDecoder().decode(Files.readString(server.dataDir.resolve("jwt.key")).trim());
    }

    private static String sign(byte[] key, JWTClaimsSet claims) throws JOSEException {
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
