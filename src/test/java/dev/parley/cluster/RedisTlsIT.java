package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.ClusterUnavailable;
import dev.parley.testing.FreePort;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rediss://}: a private redis-server speaking only TLS, with a certificate made for the
 * test. Parley verifies it against the JVM's trust store (here the test's own, through
 * {@code javax.net.ssl.trustStore}, as an operator would point the JVM at theirs): a server it does
 * not trust is refused, one it trusts carries the bus.
 */
class RedisTlsIT {

    private static final byte[] SECRET = "a shared secret of more than 32 bytes".getBytes(StandardCharsets.UTF_8);
    private static Path dir;
    private static Process redis;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("parley-redis-tls");
        run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "key.pem",
                "-out",
                "cert.pem",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1");
        run(
                "keytool",
                "-importcert",
                "-noprompt",
                "-alias",
                "redis",
                "-file",
                "cert.pem",
                "-keystore",
                "trust.p12",
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit");
        port = FreePort.pick();
        redis = new ProcessBuilder(List.of(
                        "redis-server",
                        "--port",
                        "0",
                        "--tls-port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--tls-cert-file",
                        "cert.pem",
                        "--tls-key-file",
                        "key.pem",
                        "--tls-ca-cert-file",
                        "cert.pem",
                        "--tls-auth-clients",
                        "no",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--logfile",
                        "redis.log"))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (var s = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
    }

    @AfterAll
    static void stop() {
        if (redis != null) redis.destroyForcibly();
        System.clearProperty("javax.net.ssl.trustStore");
        System.clearProperty("javax.net.ssl.trustStorePassword");
        System.clearProperty("javax.net.ssl.trustStoreType");
    }

    @Test
    void theBusCrossesTlsToATrustedServerAndAnUntrustedOneIsRefused() {
        String url = "rediss://127.0.0.1:" + port;
        assertThatThrownBy(() -> Redis.connect(url).close())
                .as("a certificate the JVM does not trust")
                .isInstanceOf(ClusterUnavailable.class);

        System.setProperty("javax.net.ssl.trustStore", dir.resolve("trust.p12").toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        try (Redis one = Redis.connect(url);
                Redis two = Redis.connect(url)) {
            var bus = new RedisEventBus(one, "tls:events", SECRET);
            var other = new RedisEventBus(two, "tls:events", SECRET);
            var got = new CopyOnWriteArrayList<ChatEvent>();
            other.subscribe(got::add);
            bus.publish(SampleEvents.message(1));
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(got).containsExactly(SampleEvents.message(1)));
            assertThat(one.answering()).isTrue();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
}
