package dev.parley.web;

import dev.parley.chat.Accounts;
import dev.parley.chat.EventBus;
import dev.parley.chat.Messages;
import dev.parley.chat.Presence;
import dev.parley.chat.Quotas;
import dev.parley.chat.ReadMarks;
import dev.parley.chat.Rooms;
import dev.parley.chat.Search;
import dev.parley.chat.Sessions;
import dev.parley.chat.Uploads;
import dev.parley.live.Live;
import dev.parley.render.Templates;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Handler;

/** The HTTP routes of one instance: pages, the JSON API, health and static files. */
public final class Web {

    private Web() {}

    /** Where the site is served and how: {@code publicUrl} decides Origin checks and secure cookies; {@code dev} serves {@code static/} from disk. */
    public record Site(
            Optional<URI> publicUrl,
            boolean dev,
            String databaseName,
            Supplier<Optional<String>> databaseProblem,
            List<String> trustedProxies,
            io.micrometer.prometheusmetrics.PrometheusMeterRegistry meters,
            Optional<String> metricsToken) {}

    /** The services the routes call; each servlet gets only those it uses. */
    public record Services(
            Accounts accounts,
            Sessions sessions,
            Rooms rooms,
            Messages messages,
            ReadMarks readMarks,
            Presence presence,
            EventBus bus,
            Quotas quotas,
            Team team,
            Search search,
            Uploads uploads) {}

    /** Running it for a team: who may sign up, admin over people, bots and webhooks, the audit log. */
    public record Team(
            dev.parley.chat.Admission admission,
            dev.parley.chat.People people,
            dev.parley.chat.Invitations invitations,
            dev.parley.chat.DefaultRooms defaultRooms,
            dev.parley.chat.AuditLog audit,
            dev.parley.chat.Bots bots,
            dev.parley.chat.Webhooks webhooks,
            dev.parley.chat.LogLevels logLevels,
            dev.parley.chat.Export export) {}

    public static Handler handler(Site site, Services s, Templates templates, Live live) {
        var context = new ServletContextHandler();
        context.setContextPath("/");
        context.setMaxFormContentSize(Requests.MAX_BODY);
        JakartaWebSocketServletContainerInitializer.configure(context, null);
        var sameOrigin = new SameOrigin(site.publicUrl());
        boolean https = site.publicUrl().map(u -> "https".equals(u.getScheme())).orElse(false);
        var cookies = new Cookies(https);

        var metrics = new Metrics(site.meters(), site.metricsToken());
        context.addFilter(new FilterHolder(metrics.timing()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(
                new FilterHolder(new ClientAddress(site.trustedProxies())), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(
                new FilterHolder(new Authenticator(s.sessions(), s.team().bots(), cookies)),
                "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new SecurityHeaders(https)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new ApiRateLimit(s.quotas())), "/api/*", EnumSet.of(DispatcherType.REQUEST));

        var teamAdmin = new TeamAdmin(
                s.team().people(),
                s.team().invitations(),
                s.team().defaultRooms(),
                s.team().audit(),
                s.team().bots(),
                s.team().webhooks(),
                site.publicUrl(),
                s.team().logLevels());
        var authPages = new ServletHolder(
                new AuthPages(s.accounts(), s.team().admission(), s.sessions(), templates, sameOrigin, cookies));
        context.addServlet(authPages, "/register");
        context.addServlet(authPages, "/login");
        context.addServlet(authPages, "/logout");
        var roomPages = new ServletHolder(new RoomPages(
                s.rooms(),
                s.messages(),
                s.readMarks(),
                s.presence(),
                s.accounts(),
                templates,
                sameOrigin,
                s.uploads()));
        // The composer's form carries files when JavaScript does not upload them first.
        roomPages.getRegistration().setMultipartConfig(FileParts.config(s.uploads()));
        context.addServlet(roomPages, "");
        context.addServlet(roomPages, "/rooms/*");
        context.addServlet(roomPages, "/sidebar");
        var adminPage =
                new ServletHolder(new AdminPage(teamAdmin, s.rooms(), site.databaseName(), templates, sameOrigin));
        context.addServlet(adminPage, "/admin");
        context.addServlet(adminPage, "/admin/*");
        context.addServlet(
                new ServletHolder(new RoomExport(s.rooms(), s.messages(), templates, sameOrigin)), "/export/rooms/*");
        context.addServlet(
                new ServletHolder(new ExportAll(s.team().export(), templates, sameOrigin)), "/export/all.json");
        context.addServlet(new ServletHolder(new SearchPage(s.search(), templates, sameOrigin)), "/search");
        context.addServlet(
                new ServletHolder(new AccountPage(s.accounts(), s.sessions(), templates, sameOrigin, cookies)),
                "/account");

        context.addServlet(new ServletHolder(new AuthApi(s.accounts(), s.sessions(), sameOrigin)), "/api/auth/*");
        var meApi = new ServletHolder(new MeApi(s.accounts(), sameOrigin));
        context.addServlet(meApi, "/api/me");
        context.addServlet(meApi, "/api/me/*");
        context.addServlet(
                new ServletHolder(new RoomsApi(s.rooms(), s.messages(), s.readMarks(), sameOrigin)), "/api/rooms/*");
        context.addServlet(new ServletHolder(new AdminApi(teamAdmin, sameOrigin)), "/api/admin/*");
        context.addServlet(new ServletHolder(new SearchApi(s.search(), sameOrigin)), "/api/search");
        var filesApi = new ServletHolder(new FilesApi(s.uploads(), sameOrigin));
        context.addServlet(filesApi, "/api/files");
        context.addServlet(filesApi, "/api/files/*");
        context.addServlet(new ServletHolder(new FileDownloads(s.uploads(), sameOrigin)), "/files/*");
        context.addServlet(new ServletHolder(new NoRoute(sameOrigin)), "/api/*");
        context.addServlet(new ServletHolder(new HookApi(s.team().webhooks(), sameOrigin)), "/hooks/*");
        context.addServlet(
                new ServletHolder(new LiveHandshake(live, s.sessions(), s.team().bots(), sameOrigin, s.quotas())),
                "/ws");
        context.addServlet(new ServletHolder(new Health(site.databaseProblem(), s.bus())), "/healthz");
        context.addServlet(new ServletHolder(new Health(site.databaseProblem(), s.bus())), "/readyz");
        context.addServlet(new ServletHolder(metrics.endpoint()), "/metrics");

        String packaged = Web.class.getResource("/static/").toString();
        String staticDir = site.dev() && Files.isDirectory(Path.of("static"))
                ? Path.of("static").toUri().toString()
                : packaged;
        context.addServlet(files(staticDir, "no-cache"), "/static/*");
        context.addServlet(files(packaged + "vendor/", "public, max-age=86400"), "/static/vendor/*");
        context.addServlet(
                files(
                        Web.class.getResource("/META-INF/resources/webjars/").toString(),
                        "public, max-age=31536000, immutable"),
                "/webjars/*");
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
     * {@code /healthz}: the process answers ({@code ok}, nothing else). {@code /readyz}: and its
     * database takes writes (503, naming what is wrong, while writes fail or wait over 2 s);
     * "degraded" (still 200) while Redis is unreachable. The body's first line is the verdict
     * ({@code ok}, {@code degraded}, {@code not ready}); unless it is {@code ok}, one line per
     * dependency follows ({@code database: …}, and {@code redis: …} with several instances). Neither
     * waits for the database: readiness is what the latest writes said.
     */
    static final class Health extends HttpServlet {
        private final Supplier<Optional<String>> databaseProblem;
        private final EventBus bus;

        /** {@code databaseProblem}: what keeps the database from taking writes now, empty when nothing; it must not wait. */
        Health(Supplier<Optional<String>> databaseProblem, EventBus bus) {
            this.databaseProblem = databaseProblem;
            this.bus = bus;
        }

        @Override
        protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res)
                throws java.io.IOException {
            res.setContentType("text/plain;charset=utf-8");
            res.setHeader("Cache-Control", "no-store");
            if (req.getServletPath().equals("/healthz")) {
                res.getWriter().write("ok\n");
                return;
            }
            Optional<String> database = databaseProblem.get();
            boolean ready = database.isEmpty();
            // Without Redis an instance still serves its own clients, so it stays in the load balancer's pool.
            boolean redisDown = !bus.connected();
            res.setStatus(ready ? 200 : 503);
            if (ready && !redisDown) {
                res.getWriter().write("ok\n");
                return;
            }
            var body = new StringBuilder(ready ? "degraded\n" : "not ready\n");
            body.append("database: ").append(database.orElse("ok")).append('\n');
            if (bus.spansInstances()) {
                body.append("redis: ")
                        .append(redisDown ? "unreachable, events do not reach other instances" : "ok")
                        .append('\n');
            }
            res.getWriter().write(body.toString());
        }
    }
}
