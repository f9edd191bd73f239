package dev.parley.web;

import dev.parley.live.Live;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Prometheus metrics at {@code /metrics}: the JVM, and every HTTP request timed by method, status
 * and route (the servlet mapping it matched, so that room ids never become label values).
 */
final class Metrics {

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    Metrics(Live live, dev.parley.chat.EventBus bus) {
        io.micrometer.core.instrument.Gauge.builder("parley.bus.connected", bus, b -> b.connected() ? 1 : 0)
                .description("1 while events reach the other instances (always 1 for a single instance)")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("parley.ws.connections", live, Live::connections)
                .description("open WebSocket connections")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("parley.ws.frames.received", live, Live::receivedFrames)
                .description("frames received from clients")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("parley.ws.frames.dropped", live, Live::droppedFrames)
                .description("client frames refused without an ack id to answer")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
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

    HttpServlet endpoint() {
        return new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                res.setContentType("text/plain; version=0.0.4; charset=utf-8");
                res.getWriter().write(registry.scrape());
            }
        };
    }

    /** The servlet mapping the request matched ("/rooms/*"): bounded by the routes, never a room id. */
    static String route(HttpServletRequest req) {
        var mapping = req.getHttpServletMapping();
        String pattern = mapping == null ? null : mapping.getPattern();
        return pattern == null || pattern.isEmpty() ? "root" : pattern;
    }
}
