package dev.parley;

import dev.parley.live.Live;
import dev.parley.live.TokenExpiry;
import dev.parley.render.Templates;
import dev.parley.web.Web;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;

/** Builds the HTTP server of one instance, unstarted, so that tests can start it on port 0. */
public final class ParleyServer {

    private ParleyServer() {}

    public static Server create(Parley parley) {
        return create(parley, parley.config.port());
    }

    /** The same on a given port: a test restarting "the server" comes back where its pages expect it. */
    public static Server create(Parley parley, int port) {
        var server = new Server();
        var http = new HttpConfiguration();
        http.setSendServerVersion(false);
        var connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(null);
        connector.setPort(port);
        server.addConnector(connector);
        var templates = new Templates(parley.config.dev());
        var live = new Live(
                parley.rooms,
                parley.messages,
                parley.typing,
                parley.presence,
                parley.readMarks,
                parley.bus,
                templates,
                new TokenExpiry(parley.sessions, parley.clock),
                parley.meters);
        var site = new Web.Site(
                parley.config.publicUrl(),
                parley.config.dev(),
                parley.databaseName(),
                parley::databaseProblem,
                parley.config.trustedProxies(),
                parley.meters,
                parley.config.operations().metricsToken());
        var services = new Web.Services(
                parley.accounts,
                parley.sessions,
                parley.rooms,
                parley.messages,
                parley.readMarks,
                parley.presence,
                parley.bus,
                parley.quotas,
                new Web.Team(
                        parley.admission,
                        parley.people,
                        parley.invitations,
                        parley.defaultRooms,
                        parley.audit,
                        parley.bots,
                        parley.webhooks,
                        parley.logLevels,
                        parley.export),
                parley.search,
                parley.uploads);
        server.setHandler(Web.handler(site, services, templates, live));
        new JettyServerThreadPoolMetrics(server.getThreadPool(), Tags.empty()).bindTo(parley.meters);
        server.setStopTimeout(5_000);
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle event) {
                // No new connections first, so that clients told to reconnect go to another instance;
                // then sockets close with 1012, before Jetty's own graceful close, which would say 1001
                // and leave browsers deaf. HTTP requests in flight drain within the stop timeout.
                for (var connector : server.getConnectors()) {
                    if (connector instanceof org.eclipse.jetty.server.NetworkConnector listening) listening.close();
                }
                live.stopping();
            }

            @Override
            public void lifeCycleStopped(LifeCycle event) {
                live.close();
            }
        });
        return server;
    }

    /** Where the started server answers: PUBLIC_URL when configured, else localhost and the bound port. */
    public static String baseUrl(Server server, Config config) {
        if (config.publicUrl().isPresent()) return config.publicUrl().get().toString();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return "http://localhost:" + port;
    }
}
