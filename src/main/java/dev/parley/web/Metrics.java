package dev.parley.web;

import dev.parley.auth.Principal;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Prometheus metrics at {@code /metrics}, for admins and for scrapers holding {@code METRICS_TOKEN}:
 * everything the instance registered (the live side, the bus, the database pool, the JVM), and
 * every HTTP request timed by method, status and route (the servlet mapping it matched, so that
 * room ids never become label values).
 */
final class Metrics {

    final PrometheusMeterRegistry registry;
    private final Optional<byte[]> scrapeToken;

    Metrics(PrometheusMeterRegistry registry, Optional<String> scrapeToken) {
        this.registry = registry;
        this.scrapeToken = scrapeToken.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    HttpFilter timing() {
        return new HttpFilter() {
            @Override
            protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                    throws IOException, ServletException {
                Timer.Sample sample = Timer.start(registry);
                try {
                    chain.doFilter(req, res);
                } finally {
                    sample.stop(Timer.builder("http.server.requests")
                            .tag("method", req.getMethod())
                            .tag("status", Integer.toString(res.getStatus()))
                            .tag("route", route(req))
                            .register(registry));
                }
            }
        };
    }

    /** 200 for an admin or the scrape token; 401 without credentials (or with a wrong token); 403 for anyone else signed in. */
    HttpServlet endpoint() {
        return new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                res.setHeader("Cache-Control", "no-store");
                var who = (Principal) req.getAttribute(Authenticator.PRINCIPAL);
                if (!(who != null && who.admin()) && !holdsScrapeToken(req)) {
                    res.setStatus(who == null ? 401 : 403);
                    if (who == null) res.setHeader("WWW-Authenticate", "Bearer realm=\"parley-metrics\"");
                    res.setContentType("text/plain;charset=utf-8");
                    res.getWriter()
                            .write(
                                    who == null
                                            ? "metrics need an admin's token or METRICS_TOKEN (Authorization: Bearer ...)\n"
                                            : "metrics are for admins\n");
                    return;
                }
                res.setContentType("text/plain; version=0.0.4; charset=utf-8");
                res.getWriter().write(registry.scrape());
            }
        };
    }

    /** Compared in constant time: how long a wrong guess takes says nothing about the token. */
    private boolean holdsScrapeToken(HttpServletRequest req) {
        String given = Authenticator.bearer(req);
        return given != null
                && scrapeToken.isPresent()
                && MessageDigest.isEqual(scrapeToken.get(), given.getBytes(StandardCharsets.UTF_8));
    }

    /** The servlet mapping the request matched ("/rooms/*"): bounded by the routes, never a room id. */
    static String route(HttpServletRequest req) {
        var mapping = req.getHttpServletMapping();
        String pattern = mapping == null ? null : mapping.getPattern();
        return pattern == null || pattern.isEmpty() ? "root" : pattern;
    }
}
