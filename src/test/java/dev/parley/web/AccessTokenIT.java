package dev.parley.web;

import static dev.parley.testing.Person.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.testing.ApiClient;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tokens the server did not issue, or no longer honours, are refused with 401 and the JSON error
 * shape. Tokens are minted here with the server's own key, so each refusal is about exactly one flaw.
 */
class AccessTokenIT {

    private static TestServer server;
    private static ApiClient api;
    private static ApiClient.Session alice;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
        alice = api.register(ALICE);
    }

    @AfterAll
    static void stop() {
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
        var claims = claims().issueTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(15))))
                .build();

        assertRefused(sign(serverKey(), claims));
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

        assertRefused(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "."
                + parts[2]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9"})
    void aGarbageTokenIs401(String token) {
        assertRefused(token);
    }

    private static void assertRefused(String token) {
        Reply r = api.get("/api/me", token);
        assertThat(r.status()).as("token %s", token).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthorized");
        assertThat(r.json().path("error").path("message").asText()).isNotBlank();
    }

    /** Alice's real claims (her session included), valid for the next quarter hour. */
    private static JWTClaimsSet.Builder claims() throws ParseException {
        var real = SignedJWT.parse(alice.accessToken()).getJWTClaimsSet();
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder(real)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))));
    }

    private static byte[] serverKey() throws Exception {
        return Base64.getDecoder()
                .decode(Files.readString(server.dataDir.resolve("jwt.key")).trim());
    }

    private static String sign(byte[] key, JWTClaimsSet claims) throws JOSEException {
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
