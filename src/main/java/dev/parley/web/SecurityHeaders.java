package dev.parley.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers that make user content harmless even if it ever slipped past sanitizing: no inline
 * script runs, no page of ours can be framed, no response is sniffed into another type.
 */
final class SecurityHeaders extends HttpFilter {

    // Pages set htmx-config so that htmx neither evals nor injects styles: nothing inline is needed.
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /** A year: browsers that once reached Parley over https never try plain http for it again. */
    private static final String HSTS = "max-age=31536000";

    private final boolean https;

    SecurityHeaders(boolean https) {
        this.https = https;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        res.setHeader("Content-Security-Policy", CSP);
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Referrer-Policy", "same-origin");
        res.setHeader("X-Frame-Options", "DENY");
        if (https) res.setHeader("Strict-Transport-Security", HSTS);
        if ("TRACE".equals(req.getMethod())) {
            // The servlet default echoes the request back, HttpOnly cookies included.
            res.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        chain.doFilter(req, res);
    }
}
