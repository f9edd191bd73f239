package dev.parley.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

/**
 * Short-lived access tokens: HS256 JWTs whose algorithm, issuer, audience and expiry are all
 * checked. Any other algorithm — {@code none} included — is refused.
 */
public final class AccessTokens {

    public static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final String ISSUER = "parley";
    private static final String AUDIENCE = "parley";

    private final MACSigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Clock clock;

    public AccessTokens(byte[] key, Clock clock) {
        this.clock = clock;
        try {
            this.signer = new MACSigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("access token key: " + e.getMessage(), e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(key)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(),
                Set.of("sub", "sid", "name", "exp", "iat")));
    }

    public String issue(Principal who) {
        var now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(Long.toString(who.userId()))
                .claim("name", who.username())
                .claim("adm", who.admin())
                .claim("sid", who.sessionId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign access token", e);
        }
        return jwt.serialize();
    }

    /** When a token expires; read without checking it, so only for a token {@link #verify} accepted. */
    public Optional<java.time.Instant> expiresAt(String token) {
        try {
            Date exp = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime();
            return Optional.ofNullable(exp).map(Date::toInstant);
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** The principal a token proves, or empty when it is forged, expired, malformed or of another issuer. */
    public Optional<Principal> verify(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            return Optional.of(new Principal(
                    Long.parseLong(claims.getSubject()),
                    claims.getStringClaim("name"),
                    Boolean.TRUE.equals(claims.getBooleanClaim("adm")),
                    claims.getStringClaim("sid")));
        } catch (ParseException | BadJOSEException | JOSEException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
