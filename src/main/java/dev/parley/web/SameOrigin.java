package dev.parley.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;

/**
 * Cross-site request forgery guard for requests that ride on cookies: an unsafe method must come
 * from Parley's own origin. Bearer-token requests carry no ambient credentials and are exempt.
 */
final class SameOrigin {

    private final Optional<URI> publicUrl;

    SameOrigin(Optional<URI> publicUrl) {
        this.publicUrl = publicUrl;
    }

    boolean allows(HttpServletRequest req) {
        if (Authenticator.bearer(req) != null) return true;
        String origin = req.getHeader("Origin");
        if (origin != null) return origin.equalsIgnoreCase(expectedOrigin(req));
        // No Origin header: only browsers that predate it, or non-browsers; trust Fetch Metadata when given.
        String site = req.getHeader("Sec-Fetch-Site");
        return site == null || site.equals("same-origin") || site.equals("none");
    }

    /** A socket opened on a cookie must name Parley's origin: browsers always send Origin with a WebSocket handshake. */
    boolean allowsSocket(HttpServletRequest req) {
        String origin = req.getHeader("Origin");
        return origin != null && origin.equalsIgnoreCase(expectedOrigin(req));
    }

    String expectedOrigin(HttpServletRequest req) {
        if (publicUrl.isPresent()) {
            URI u = publicUrl.get();
            return u.getScheme() + "://" + u.getAuthority();
        }
        return req.getScheme() + "://" + req.getHeader("Host");
    }
}
