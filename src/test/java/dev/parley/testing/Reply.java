package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.render.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** One HTTP answer as the tests look at it: status, headers, body, and the body parsed on demand. */
public record Reply(int status, HttpHeaders headers, String body) {

    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (status " + status + "): " + body, e);
        }
    }

    /** The {@code error.code} of a JSON error body. */
    public String errorCode() {
        return json().path("error").path("code").asText(null);
    }

    public Document html() {
        return Jsoup.parse(body);
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** Where a redirect points, resolved against the server it came from and reduced to path and query. */
    public String location() {
        URI to = URI.create(
                header("Location").orElseThrow(() -> new AssertionError("no Location header, status " + status)));
        return to.getRawPath() + (to.getRawQuery() == null ? "" : "?" + to.getRawQuery());
    }

    public List<String> setCookies() {
        return headers.allValues("Set-Cookie");
    }

    /** The full Set-Cookie header for one cookie name, if this answer sets it. */
    public Optional<String> setCookie(String name) {
        return setCookies().stream().filter(c -> c.startsWith(name + "=")).findFirst();
    }

    @Override
    public String toString() {
        return status + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
    }
}
