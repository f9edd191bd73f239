package dev.parley.web;
import dev.parley.render.Templates;

import dev.parley.Parley;
import dev.parley.live.Live;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Handler;

/** The HTTP routes of one instance: pages, the JSON API, health and static files. */
public final class Web {

    private Web() {}

    public static Handler handler(Parley parley, Templates templates, Live live) {
        var config = parley.config;
        var context = new ServletContextHandler();
        context.setContextPath("/");
        context.setMaxFormContentSize(Requests.MAX_BODY);
        JakartaWebSocketServletContainerInitializer.configure(context, null);
        var sameOrigin = new SameOrigin(config.publicUrl());
        var cookies = new Cookies(config.publicUrl().map(u -> "https".equals(u.getScheme())).orElse(false));

        var metrics = new Metrics(live, parley.bus);
        context.addFilter(new FilterHolder(metrics.timing()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new Authenticator(parley.sessions, cookies)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new SecurityHeaders()), "/*", EnumSet.of(DispatcherType.REQUEST));

        var authPages = new ServletHolder(new AuthPages(parley, templates, sameOrigin, cookies));
        context.addServlet(authPages, "/register");
        context.addServlet(authPages, "/login");
        context.addServlet(authPages, "/logout");
        var roomPages = new ServletHolder(new RoomPages(parley, templates, sameOrigin));
        context.addServlet(roomPages, "");
        context.addServlet(roomPages, "/rooms/*");
        context.addServlet(roomPages, "/sidebar");
        var adminPage = new ServletHolder(new AdminPage(parley, templates, sameOrigin));
        context.addServlet(adminPage, "/admin");
        context.addServlet(adminPage, "/admin/*");
        context.addServlet(new ServletHolder(new AccountPage(parley, templates, sameOrigin, cookies)), "/account");

        context.addServlet(new ServletHolder(new AuthApi(parley, sameOrigin)), "/api/auth/*");
        var meApi = new ServletHolder(new MeApi(parley, sameOrigin));
        context.addServlet(meApi, "/api/me");
        context.addServlet(meApi, "/api/me/*");
        context.addServlet(new ServletHolder(new RoomsApi(parley, sameOrigin)), "/api/rooms/*");
        context.addServlet(new ServletHolder(new NoRoute(sameOrigin)), "/api/*");
        context.addServlet(new ServletHolder(new LiveHandshake(live, parley.sessions, sameOrigin)), "/ws");
        context.addServlet(new ServletHolder(new Health(parley)), "/healthz");
        context.addServlet(new ServletHolder(new Health(parley)), "/readyz");
        context.addServlet(new ServletHolder(metrics.endpoint()), "/metrics");

        String packaged = Web.class.getResource("/static/").toString();
        String staticDir = config.dev() && Files.isDirectory(Path.of("static")) ? Path.of("static").toUri().toString() : packaged;
        context.addServlet(files(staticDir, "no-cache"), "/static/*");
        context.addServlet(files(packaged + "vendor/", "public, max-age=86400"), "/static/vendor/*");
        context.addServlet(files(Web.class.getResource("/META-INF/resources/webjars/").toString(), "public, max-age=31536000, immutable"), "/webjars/*");
        context.addServlet(new ServletHolder(new NotFound(templates)), "/");
        return context;
    }

    private static ServletHolder files(String base, String cacheControl) {
        var holder = new ServletHolder(new ResourceServlet());
        holder.setInitParameter("baseResource", base);
        holder.setInitParameter("pathInfoOnly", "true");
        holder.setInitParameter("dirAllowed", "false");
        holder.setInitParameter("precompressed", "true");
        holder.setInitParameter("cacheControl", cacheControl);
        return holder;
    }

    /** Unmatched API paths answer in the API's own error shape. */
    static final class NoRoute extends ApiServlet {
        NoRoute(SameOrigin sameOrigin) {
            super(sameOrigin);
        }
    }

    /** Unmatched page paths get the same not-found page as a missing room. */
    static final class NotFound extends PageServlet {
        NotFound(Templates templates) {
            super(templates, new SameOrigin(java.util.Optional.empty()));
        }
    }

    /**
     * {@code /healthz}: the process answers. {@code /readyz}: and its database does too (503 when
     * not); "degraded" (still 200) while Redis is unreachable.
     */
    static final class Health extends HttpServlet {
        private final Parley parley;

        Health(Parley parley) {
            this.parley = parley;
        }

        @Override
        protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res)
                throws java.io.IOException {
            boolean ready = req.getServletPath().equals("/healthz") || parley.databaseAnswers();
            // Without Redis an instance still serves its own clients, so it stays in the load balancer's pool.
            boolean degraded = ready && req.getServletPath().equals("/readyz") && !parley.bus.connected();
            res.setStatus(ready ? 200 : 503);
            res.setContentType("text/plain;charset=utf-8");
            res.setHeader("Cache-Control", "no-store");
            res.getWriter().write(!ready ? "database unreachable\n"
                    : degraded ? "degraded: Redis unreachable, events do not reach other instances\n" : "ok\n");
        }
    }
}
