package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Principal ALICE = new Principal(7, "alice", false, "session-1");

    private final MutableClock clock = MutableClock.now();
    private final AccessTokens tokens = new AccessTokens(KEY, clock);

    @Test
    void aTokenProvesWhoIssuedItWasFor() {
        assertThat(tokens.verify(tokens.issue(ALICE))).contains(ALICE);
    }

    @Test
    void anExpiredTokenIsRefused() {
        clock.advance(AccessTokens.LIFETIME.plus(Duration.ofMinutes(2)).negated());
        String old = tokens.issue(ALICE);
        assertThat(tokens.verify(old)).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        var other = new AccessTokens("another key, also thirty-two bytes".getBytes(StandardCharsets.UTF_8), clock);
        assertThat(tokens.verify(other.issue(ALICE))).isEmpty();
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() {
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String signed = tokens.issue(ALICE);
        String payload = signed.split("\\.")[1];
        assertThat(tokens.verify(header + "." + payload + ".")).isEmpty();
        assertThat(tokens.verify(new PlainJWT(claims("parley", "parley")).serialize()))
                .isEmpty();
    }

    @Test
    void theAlgorithmIsPinnedToHs256() throws Exception {
        byte[] longKey = new byte[64];
        System.arraycopy(KEY, 0, longKey, 0, KEY.length);
        var hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims("parley", "parley"));
        hs512.sign(new MACSigner(longKey));
        assertThat(new AccessTokens(longKey, clock).verify(hs512.serialize())).isEmpty();
    }

    @Test
    void issuerAndAudienceAreChecked() throws Exception {
        for (var c : new JWTClaimsSet[] {claims("someone-else", "parley"), claims("parley", "another-app")}) {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), c);
            jwt.sign(new MACSigner(KEY));
            assertThat(tokens.verify(jwt.serialize())).isEmpty();
        }
    }

    @Test
    void garbageIsRefused() {
        assertThat(tokens.verify("not.a.token")).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
    }

    private static JWTClaimsSet claims(String issuer, String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject("7")
                .claim("name", "alice")
                .claim("sid", "session-1")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .build();
    }
}
