package dev.parley.web;

import static dev.parley.testing.FileFixtures.send;
import static dev.parley.testing.FileFixtures.upload;
import static dev.parley.testing.FileFixtures.uploaded;
import static dev.parley.testing.Person.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.FileFixtures;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Uploading and attaching files over the JSON API, and every way an upload is refused without storing anything. */
class FilesApiIT {

    private static final long LIMIT = 256 * 1024;

    private TestServer server;
    private ApiClient api;
    private ApiClient.Session alice;
    private long general;

    @BeforeEach
    void start() {
        server = TestServer.start(c -> c.withMaxUploadBytes(LIMIT));
        api = new ApiClient(server);
        alice = api.register(ALICE);
        general = api.createRoom(alice, "general", false);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anImageIsStoredThumbnailedAndAttachedToAMessage() {
        Reply up = upload(api, alice, "cat.png", FileFixtures.png(800, 400), "u-1");
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        var file = up.json();
        assertThat(file.path("name").asText()).isEqualTo("cat.png");
        assertThat(file.path("type").asText()).isEqualTo("image/png");
        assertThat(file.path("width").asInt()).isEqualTo(800);
        assertThat(file.path("height").asInt()).isEqualTo(400);
        assertThat(file.path("thumbnailWidth").asInt()).isEqualTo(360);
        assertThat(file.path("thumbnailHeight").asInt()).isEqualTo(180);

        Reply sent = send(api, alice, general, "look", "m-1", file.path("id").asText());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("files").path(0).path("id").asText())
                .isEqualTo(file.path("id").asText());
        var history = api.history(alice, general, "");
        assertThat(history.path(0).path("files").path(0).path("url").asText())
                .isEqualTo("/files/" + file.path("id").asText());

        Reply content = api.get("/files/" + file.path("id").asText(), alice.accessToken());
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.header("Content-Type")).hasValue("image/png");
        assertThat(content.header("Content-Disposition").orElseThrow()).startsWith("inline");
        assertThat(content.header("X-Content-Type-Options")).hasValue("nosniff");
        Reply thumb = api.get("/files/" + file.path("id").asText() + "/thumbnail", alice.accessToken());
        assertThat(thumb.status()).isEqualTo(200);
        assertThat(thumb.header("Content-Type")).hasValue("image/png");
    }

    @Test
    void aFileWithoutTextIsAMessageAndOtherFilesDownload() {
        String id = uploaded(api, alice, "notes.txt", "plain words\n".getBytes(StandardCharsets.UTF_8));
        Reply sent = send(api, alice, general, null, null, id);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("content").asText()).isEmpty();
        Reply content = api.get("/files/" + id, alice.accessToken());
        assertThat(content.body()).isEqualTo("plain words\n");
        assertThat(content.header("Content-Disposition").orElseThrow())
                .startsWith("attachment")
                .contains("notes.txt");
    }

    @Test
    void aRetriedUploadAndARetriedSendMakeOneOfEach() throws Exception {
        byte[] png = FileFixtures.png(50, 50);
        Reply first = upload(api, alice, "a.png", png, "u-same");
        Reply again = upload(api, alice, "a.png", png, "u-same");
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asText())
                .isEqualTo(first.json().path("id").asText());
        assertThat(rows()).isEqualTo(1);

        String id = first.json().path("id").asText();
        Reply sent = send(api, alice, general, "once", "m-same", id);
        Reply resent = send(api, alice, general, "once", "m-same", id);
        assertThat(sent.status()).isEqualTo(201);
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.json().path("id").asLong())
                .isEqualTo(sent.json().path("id").asLong());
        assertThat(resent.json().path("files").path(0).path("id").asText()).isEqualTo(id);
        assertThat(api.history(alice, general, "").size()).isEqualTo(1);
    }

    @Test
    void aFileIsAttachedOnceAndOnlyByItsUploader() {
        String id = uploaded(api, alice, "a.txt", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(send(api, alice, general, "first", null, id).status()).isEqualTo(201);
        Reply twice = send(api, alice, general, "second", null, id);
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().path("error").path("message").asText()).contains("not an upload of yours waiting");

        var bob = api.register(dev.parley.testing.Person.BOB);
        api.join(bob, general);
        String mine = uploaded(api, alice, "b.txt", "y".getBytes(StandardCharsets.UTF_8));
        assertThat(send(api, bob, general, "stolen", null, mine).status()).isEqualTo(400);
        assertThat(api.history(alice, general, "").size()).isEqualTo(1);
    }

    @Test
    void anOversizedUploadIs413BeforeItsBodyIsReadAndStoresNothing() throws Exception {
        Reply r = upload(api, alice, "big.bin", new byte[(int) LIMIT + 1], null);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("error").path("message").asText())
                .contains("big.bin")
                .contains("256 KB");
        assertNothingStored();
    }

    @Test
    void anOversizedUploadWithoutALengthIsStoppedAtTheLimit() throws Exception {
        var req = api.request("/api/files?name=stream.bin")
                .header("Authorization", "Bearer " + alice.accessToken())
                .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[(int) LIMIT * 2])));
        Reply r = ApiClient.send(req);
        assertThat(r.status()).isEqualTo(413);
        assertNothingStored();
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Reply r = upload(api, alice, "empty.txt", new byte[0], null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").path("message").asText()).contains("empty");
        assertNothingStored();
    }

    @Test
    void aPngThatIsHtmlIsRefused() throws Exception {
        Reply r = upload(
                api, alice, "cat.png", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").path("message").asText())
                .contains("PNG")
                .contains("text/html");
        assertNothingStored();
    }

    @Test
    void anSvgWithScriptIsRefused() throws Exception {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>";
        Reply r = upload(api, alice, "logo.svg", svg.getBytes(StandardCharsets.UTF_8), null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").path("message").asText())
                .contains("SVG")
                .contains("script");
        assertNothingStored();
    }

    @Test
    void aDecompressionBombIsRefusedBeforeDecoding() throws Exception {
        Reply r = upload(api, alice, "bomb.png", FileFixtures.pngBomb(100_000, 100_000), null);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("error").path("message").asText()).contains("100000×100000");
        assertNothingStored();
    }

    @Test
    void aPathInTheNameIsRefused() throws Exception {
        for (String name : new String[] {"../../etc/passwd", "C:\\Users\\a\\secret.txt", "dir/file.txt"}) {
            Reply r = upload(api, alice, name, "x".getBytes(StandardCharsets.UTF_8), null);
            assertThat(r.status()).as(name).isEqualTo(400);
            assertThat(r.json().path("error").path("message").asText()).contains("path");
        }
        assertNothingStored();
    }

    @Test
    void controlAndDirectionCharactersAreDroppedFromNames() {
        Reply r = upload(api, alice, "invoice\u202Efdp.exe\u0007", "x".getBytes(StandardCharsets.UTF_8), null);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("name").asText()).isEqualTo("invoicefdp.exe");
    }

    @Test
    void aMalformedImageBecomesAPlainFile() {
        byte[] png = FileFixtures.png(100, 100);
        byte[] broken = java.util.Arrays.copyOf(png, 60); // the header, then nothing
        Reply r = upload(api, alice, "broken.png", broken, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("type").asText()).isEqualTo("application/octet-stream");
        assertThat(r.json().path("thumbnailUrl").isNull()).isTrue();
        String id = r.json().path("id").asText();
        assertThat(api.get("/files/" + id, alice.accessToken())
                        .header("Content-Disposition")
                        .orElseThrow())
                .startsWith("attachment");
    }

    @Test
    void htmlIsServedAsOpaqueBytesForDownload() {
        String id = uploaded(api, alice, "page.html", "<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8));
        send(api, alice, general, "see", null, id);
        Reply r = api.get("/files/" + id, alice.accessToken());
        assertThat(r.header("Content-Type")).hasValue("application/octet-stream");
        assertThat(r.header("Content-Disposition").orElseThrow()).startsWith("attachment");
        assertThat(r.header("Content-Security-Policy").orElseThrow()).contains("sandbox");
    }

    @Test
    void rangesAndETagsServeLargeFilesInPieces() {
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i % 251);
        String id = uploaded(api, alice, "data.bin", data);
        Reply whole = api.get("/files/" + id, alice.accessToken());
        String etag = whole.header("ETag").orElseThrow();

        var ranged = ApiClient.send(api.request("/files/" + id)
                .header("Authorization", "Bearer " + alice.accessToken())
                .header("Range", "bytes=1000-1009"));
        assertThat(ranged.status()).isEqualTo(206);
        assertThat(ranged.header("Content-Range")).hasValue("bytes 1000-1009/200000");
        assertThat(ranged.header("Content-Length")).hasValue("10");

        var tail = ApiClient.send(api.request("/files/" + id)
                .header("Authorization", "Bearer " + alice.accessToken())
                .header("Range", "bytes=-5"));
        assertThat(tail.header("Content-Range")).hasValue("bytes 199995-199999/200000");

        var beyond = ApiClient.send(api.request("/files/" + id)
                .header("Authorization", "Bearer " + alice.accessToken())
                .header("Range", "bytes=300000-"));
        assertThat(beyond.status()).isEqualTo(416);

        var cached = ApiClient.send(api.request("/files/" + id)
                .header("Authorization", "Bearer " + alice.accessToken())
                .header("If-None-Match", etag));
        assertThat(cached.status()).isEqualTo(304);
    }

    @Test
    void deletingAMessageDeletesItsFiles() throws Exception {
        String id = uploaded(api, alice, "gone.txt", "soon gone".getBytes(StandardCharsets.UTF_8));
        long messageId =
                send(api, alice, general, "here", null, id).json().path("id").asLong();
        assertThat(api.get("/files/" + id, alice.accessToken()).status()).isEqualTo(200);
        Reply deleted = ApiClient.send(api.request("/api/rooms/" + general + "/messages/" + messageId)
                .header("Authorization", "Bearer " + alice.accessToken())
                .DELETE());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().path("message").path("files").size()).isZero();
        assertThat(api.get("/files/" + id, alice.accessToken()).status()).isEqualTo(404);
        assertNothingStored();
    }

    @Test
    void uploadsNeverSentAreSweptAfterADay() throws Exception {
        String id = uploaded(api, alice, "left.txt", "left behind".getBytes(StandardCharsets.UTF_8));
        assertThat(server.parley.uploads.sweep()).isZero();
        assertThat(rows()).isEqualTo(1);
        // The sweep compares with the domain clock's now: an hour short of a day keeps it, a day sweeps it.
        try (var conn = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir.resolve("parley.db"))) {
            conn.createStatement().executeUpdate("UPDATE files SET created_at = created_at - " + 86_400_001L);
        }
        assertThat(server.parley.uploads.sweep()).isEqualTo(1);
        assertNothingStored();
        assertThat(api.get("/files/" + id, alice.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void theComposerFormCarriesFilesWithoutJavaScript() throws Exception {
        var browser = new dev.parley.testing.WebClient(server).logIn(ALICE);
        byte[] png = FileFixtures.png(120, 80);
        Reply r = multipart(browser, "/rooms/" + general + "/messages", "with a picture", "shot.png", png);
        assertThat(r.status()).as(r.toString()).isEqualTo(302);
        var history = api.history(alice, general, "");
        assertThat(history.path(0).path("content").asText()).isEqualTo("with a picture");
        assertThat(history.path(0).path("files").path(0).path("name").asText()).isEqualTo("shot.png");
        assertThat(history.path(0).path("files").path(0).path("width").asInt()).isEqualTo(120);
        String page = browser.get("/rooms/" + general).body();
        assertThat(org.jsoup.Jsoup.parse(page).select(".attachment.image img").attr("width"))
                .isEqualTo("120");
        // The composer is that form: a paperclip file input, multipart.
        var form = org.jsoup.Jsoup.parse(page).selectFirst("form.compose");
        assertThat(form.attr("enctype")).isEqualTo("multipart/form-data");
        assertThat(form.select("input[type=file][multiple]").attr("name")).isEqualTo("upload");
    }

    @Test
    void aFormWithAnOversizedFileIs413AndStoresNothing() throws Exception {
        var browser = new dev.parley.testing.WebClient(server).logIn(ALICE);
        Reply r = multipart(browser, "/rooms/" + general + "/messages", "big", "big.bin", new byte[(int) LIMIT + 10]);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body()).contains("256 KB");
        assertNothingStored();
        assertThat(api.history(alice, general, "").size()).isZero();
    }

    private Reply multipart(
            dev.parley.testing.WebClient browser, String path, String content, String name, byte[] bytes)
            throws IOException {
        String boundary = "----parley" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        String head =
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\n" + content + "\r\n"
                        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"" + name
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        body.write(head.getBytes(StandardCharsets.UTF_8));
        body.write(bytes);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var req = api.request(path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Origin", server.base.toString().replaceAll("/$", ""))
                .header("Cookie", dev.parley.testing.LiveFixtures.cookieHeader(browser))
                .POST(BodyPublishers.ofByteArray(body.toByteArray()));
        return ApiClient.send(req);
    }

    private void assertNothingStored() throws SQLException, IOException {
        assertThat(rows()).isZero();
        Path dir = server.dataDir.resolve("files");
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    private long rows() throws SQLException {
        try (var conn = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir.resolve("parley.db"));
                var rs = conn.createStatement().executeQuery("SELECT count(*) FROM files")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
