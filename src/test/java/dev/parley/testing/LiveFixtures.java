package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.render.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** What the live tests share: fresh people, a browser's cookie header, raw handshakes, and checks on error acks. */
public final class LiveFixtures {

    private static final AtomicInteger PEOPLE = new AtomicInteger();

    private LiveFixtures() {}

    /** Someone no other test on a shared server has signed up: "ann" becomes "ann-12". */
    public static Person person(String name) {
        String username = name + "-" + PEOPLE.incrementAndGet();
        return new Person(username, username + "-secret");
    }

    /** The Cookie header a browser signed in as {@code who} sends. */
    public static String cookieHeader(WebClient who) {
        return "parley_at=" + who.cookie("parley_at") + "; parley_rt=" + who.cookie("parley_rt");
    }

    /** An ack that failed with this code; its message is meant for people, so no stack trace or class name. */
    public static JsonNode assertFailed(JsonNode ack, String code) {
        assertThat(ack.path("success").asBoolean()).as("ack %s", ack).isFalse();
        assertThat(ack.path("error").path("code").asText()).as("ack %s", ack).isEqualTo(code);
        assertNoStackTrace(ack.path("error").path("message").asText());
        return ack;
    }

    public static JsonNode assertOk(JsonNode ack) {
        assertThat(ack.path("success").asBoolean()).as("ack %s", ack).isTrue();
        assertThat(ack.has("error")).as("ack %s", ack).isFalse();
        return ack.path("data");
    }

    public static void assertNoStackTrace(String message) {
        assertThat(message)
                .isNotBlank()
                .doesNotContain(
                        "Exception",
                        "\tat ",
                        "at dev.",
                        "at java.",
                        "at org.",
                        "java.",
                        "jakarta.",
                        "com.fasterxml",
                        "dev.parley",
                        "\n");
    }

    /** The JSON a request sends, for frames sent raw. */
    public static String frame(Object ack, String event, Object data) {
        var f = new LinkedHashMap<String, Object>();
        f.put("event", event);
        if (ack != null) f.put("ack", ack);
        if (data != null) f.put("data", data);
        return Json.write(f);
    }

    /** A member of a fresh public room, with someone else in it too. */
    public record Pair(ApiClient.Session a, ApiClient.Session b, long room) {}

    public static Pair pairInRoom(ApiClient api, String a, String b) {
        var first = api.register(person(a));
        var second = api.register(person(b));
        long room = api.createRoom(first, ApiClient.fresh("room"), false);
        api.join(second, room);
        return new Pair(first, second, room);
    }

    /** One HTTP answer read off a raw socket, so that a handshake's refusal can be seen in full. */
    public record RawReply(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (status " + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Sends {@code GET path} over a plain socket; with {@code upgrade}, as a WebSocket handshake
     * (Upgrade, Connection, Sec-WebSocket-Key and -Version), plus the given extra headers.
     */
    public static RawReply rawGet(TestServer server, String path, boolean upgrade, Map<String, String> extra) {
        try (var socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout(10_000);
            var request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\n");
            if (upgrade) {
                byte[] key = new byte[16];
                new SecureRandom().nextBytes(key);
                request.append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                        .append("Sec-WebSocket-Key: ")
                        .append(Base64.getEncoder().encodeToString(key))
                        .append("\r\n")
                        .append("Sec-WebSocket-Version: 13\r\n");
            } else {
                request.append("Connection: close\r\n");
            }
            extra.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawReply read(InputStream in) throws IOException {
        String head = line(in);
        int status = Integer.parseInt(head.split(" ")[1]);
        var headers = new LinkedHashMap<String, String>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.merge(
                    h.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    h.substring(colon + 1).trim(),
                    (x, y) -> x + ", " + y);
        }
        if (status == 101) return new RawReply(status, headers, "");
        var body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
                    size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else {
            body.write(in.readAllBytes());
        }
        return new RawReply(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * A value of the server's Prometheus metrics as {@code /metrics} shows them, e.g.
     * {@code parley_ws_connections_open}: the sum of its series whose labels include every one of
     * {@code labels} (each written {@code code="1000"}). Read from the instance's registry, not
     * over HTTP, which admits only admins and scrapers.
     */
    public static double metric(TestServer server, String name, String... labels) {
        String body = server.parley.meters.scrape();
        double sum = 0;
        boolean found = false;
        for (String line : body.split("\n")) {
            if (!(line.startsWith(name + " ") || line.startsWith(name + "{"))) continue;
            String labelText =
                    line.startsWith(name + "{") ? line.substring(name.length(), line.lastIndexOf('}') + 1) : "";
            if (!java.util.Arrays.stream(labels).allMatch(l -> labelText.contains(l))) continue;
            sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            found = true;
        }
        if (!found)
            throw new AssertionError("no metric " + name + " " + java.util.Arrays.toString(labels) + " in " + body);
        return sum;
    }

    public static List<Long> range(long fromInclusive, long toInclusive) {
        return java.util.stream.LongStream.rangeClosed(fromInclusive, toInclusive)
                .boxed()
                .toList();
    }
}
