package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An HTTP client that behaves as a browser without JavaScript would: keeps the cookies the
 * server sets, sends its own Origin on form posts, and follows no redirects so tests can look at
 * them. (The real browser, Chromium, is driven by {@code browser/HeadlessChromium}.)
 */
public final class WebClient {

    private final ApiClient api;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String origin;

    public WebClient(TestServer server) {
        this.api = new ApiClient(server);
        this.origin = server.base.toString();
    }

    /** Pretends the page was loaded from another origin (a proxy's public address, or an attacker's site). */
    public WebClient withOrigin(String origin) {
        this.origin = origin;
        return this;
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    public void forget(String name) {
        cookies.remove(name);
    }

    public Reply get(String path, String... headers) {
        return send(api.request(path).GET(), headers);
    }

    public Reply post(String path, Map<String, String> form, String... headers) {
        var req = api.request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin)
                .POST(BodyPublishers.ofString(encode(form)));
        return send(req, headers);
    }

    public WebClient signUp(Person p) {
        Reply r = post("/register", Map.of("username", p.username(), "password", p.password()));
        assertThat(r.status()).as("sign up %s: %s", p.username(), r).isEqualTo(302);
        return this;
    }

    public WebClient logIn(Person p) {
        Reply r = post("/login", Map.of("username", p.username(), "password", p.password()));
        assertThat(r.status()).as("log in %s: %s", p.username(), r).isEqualTo(302);
        return this;
    }

    /** Creates a room through the form and returns its id, read from the redirect. */
    public long createRoom(String name, boolean isPrivate) {
        var form = new LinkedHashMap<String, String>();
        form.put("name", name);
        if (isPrivate) form.put("private", "on");
        Reply r = post("/rooms", form);
        assertThat(r.status()).as("create room %s: %s", name, r).isEqualTo(302);
        assertThat(r.location()).matches("/rooms/\\d+");
        return Long.parseLong(r.location().substring("/rooms/".length()));
    }

    private Reply send(HttpRequest.Builder req, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) req.setHeader(headers[i], headers[i + 1]);
        if (!cookies.isEmpty()) {
            req.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
        Reply reply = ApiClient.send(req);
        reply.setCookies().forEach(this::remember);
        return reply;
    }

    private void remember(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        boolean expired = value.isEmpty() || setCookie.toLowerCase(Locale.ROOT).matches(".*;\\s*max-age=0(;.*|$)");
        if (expired) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
