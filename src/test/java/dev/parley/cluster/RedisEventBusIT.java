package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventBus;
import dev.parley.testing.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisEventBusIT extends EventBusContract {

    /** What every instance of the test cluster shares, as JWT_SECRET. */
    private static final byte[] SECRET =
            "a shared secret of more than 32 bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static RedisServer server;
    private final List<Redis> links = new CopyOnWriteArrayList<>();
    private String channel;

    @BeforeAll
    static void startRedis() {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @BeforeEach
    void freshChannel() {
        channel = "test:" + UUID.randomUUID();
    }

    @AfterEach
    void closeLinks() {
        links.forEach(Redis::close);
    }

    @Override
    protected EventBus newBus() {
        Redis redis = Redis.connect(server.url());
        links.add(redis);
        return new RedisEventBus(redis, channel, SECRET);
    }

    private RedisEventBus sealedBus(byte[] secret) {
        Redis redis = Redis.connect(server.url());
        links.add(redis);
        return new RedisEventBus(redis, channel, secret);
    }

    private Redis rawLink() {
        Redis raw = Redis.connect(server.url());
        links.add(raw);
        return raw;
    }

    private static List<ChatEvent> messages(int from, int to) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(SampleEvents::message)
                .map(ChatEvent.class::cast)
                .toList();
    }

    private CopyOnWriteArrayList<ChatEvent> received(EventBus bus) {
        var got = new CopyOnWriteArrayList<ChatEvent>();
        bus.subscribe(got::add);
        return got;
    }

    @Test
    void eventsFromRedisBeyondTheInboundLimitAreDroppedAndCountedInsteadOfHeld() {
        EventBus a = bus();
        int limit = 10;
        Redis link = Redis.connect(server.url());
        links.add(link);
        var b = new RedisEventBus(link, channel, SECRET, limit);
        var release = new java.util.concurrent.CountDownLatch(1);
        // A subscriber stuck on the bus's thread: everything after it waits in the inbound queue.
        b.subscribe(e -> {
            try {
                release.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        });
        int beyond = 5;
        messages(1, 1 + limit + beyond).forEach(a::publish);
        try {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(b.droppedInbound()).isEqualTo(beyond));
        } finally {
            release.countDown();
            b.close();
        }
    }

    @Test
    void eventsFromAnotherInstanceReachSubscribersOnTheBussOwnThread() {
        EventBus a = bus();
        EventBus b = bus();
        var threads = new CopyOnWriteArrayList<String>();
        b.subscribe(e -> threads.add(Thread.currentThread().getName()));
        a.publish(SampleEvents.message(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> !threads.isEmpty());
        assertThat(threads).containsExactly("parley-bus-in");
    }

    @Test
    void eventsOfOneInstanceReachEveryOtherOnceAndInPublishOrder() {
        EventBus a = bus();
        var atA = received(a);
        var atB = received(bus());
        var atC = received(bus());
        List<ChatEvent> sent = messages(1, 500);
        sent.forEach(a::publish);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(atB).containsExactlyElementsOf(sent);
            assertThat(atC).containsExactlyElementsOf(sent);
        });
        // The publisher's own subscribers got each event once: its echo from Redis is dropped.
        await().during(Duration.ofMillis(300))
                .untilAsserted(() -> assertThat(atA).containsExactlyElementsOf(sent));
    }

    @Test
    void aBusThatSpansInstancesSaysThatItsEventsNeedHealing() {
        assertThat(bus().spansInstances()).isTrue();
    }

    @Test
    void whileRedisIsPausedEachInstanceStillServesItselfAndSaysItIsCutOff() {
        EventBus a = bus();
        EventBus b = bus();
        var atA = received(a);
        var atB = received(b);
        server.pause();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> !a.connected() && !b.connected());
            long started = System.nanoTime();
            assertThatCode(() -> messages(1, 50).forEach(a::publish)).doesNotThrowAnyException();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
            assertThat(atA).containsExactlyElementsOf(messages(1, 50));
        } finally {
            server.resume();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> a.connected() && b.connected());
        a.publish(SampleEvents.message(51));
        // What was published during the pause may or may not arrive (at most once); what follows does, in order.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(atB).endsWith(SampleEvents.message(51)));
        assertThat(atB).isSubsetOf(messages(1, 51)).doesNotHaveDuplicates();
        assertThat(atB.stream()
                        .map(e -> ((ChatEvent.MessagePosted) e).message().seq())
                        .toList())
                .isSorted();
    }

    @Test
    void afterRedisRestartsTheBusesResubscribeAndEventsCrossAgain() {
        EventBus a = bus();
        EventBus b = bus();
        var atB = received(b);
        server.kill();
        await().atMost(Duration.ofSeconds(5)).until(() -> !a.connected() && !b.connected());
        assertThatCode(() -> a.publish(SampleEvents.message(1))).doesNotThrowAnyException();
        server.restart();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.connected() && b.connected());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            a.publish(SampleEvents.message(2));
            assertThat(atB).contains(SampleEvents.message(2));
        });
    }

    @Test
    void strayTextOnTheChannelIsIgnored() {
        EventBus a = bus();
        var atB = received(bus());
        Redis raw = Redis.connect(server.url());
        links.add(raw);
        raw.commands.sync().publish(channel, "{\"from\":\"elsewhere\",\"type\":\"Unknown\",\"event\":{}}");
        raw.commands.sync().publish(channel, "not json at all");
        a.publish(SampleEvents.message(1));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(atB).containsExactly(SampleEvents.message(1)));
    }

    @Test
    void aMessageWithoutAValidTagReachesNoSubscriberAndIsCounted() {
        EventBus a = bus();
        RedisEventBus b = (RedisEventBus) bus();
        var atB = received(b);
        Redis raw = rawLink();
        String forged = new EventCodec().encode("elsewhere", SampleEvents.message(1));
        String genuine = BusSeal.forChannel(SECRET, channel).seal(forged);
        raw.commands.sync().publish(channel, forged);
        raw.commands.sync().publish(channel, "AAAA " + forged);
        raw.commands
                .sync()
                .publish(
                        channel,
                        BusSeal.forChannel("another secret of more than 32 bytes".getBytes(), channel)
                                .seal(forged));
        raw.commands
                .sync()
                .publish(channel, BusSeal.forChannel(SECRET, "another-channel").seal(forged));
        raw.commands.sync().publish(channel, genuine.replace("hi", "HI"));
        a.publish(SampleEvents.message(2));

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(atB).containsExactly(SampleEvents.message(2)));
        assertThat(b.refused()).isEqualTo(5);
        // The same text with the right tag is taken: the tag, not the sender, is what counts.
        raw.commands.sync().publish(channel, genuine);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(atB).containsExactly(SampleEvents.message(2), SampleEvents.message(1)));
    }

    @Test
    void instancesWithDifferentSecretsDoNotHearEachOther() {
        EventBus a = sealedBus("one secret, more than thirty-two bytes".getBytes());
        RedisEventBus b = sealedBus("two secret, more than thirty-two bytes".getBytes());
        var atB = received(b);
        a.publish(SampleEvents.message(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> b.refused() == 1);
        assertThat(atB).isEmpty();
    }

    @Test
    void aMessagesHtmlIsMadeAgainFromItsTextOnArrival() {
        EventBus a = bus();
        var atB = received(bus());
        var hostile = new ChatEvent.MessagePosted(new dev.parley.chat.Message(
                9,
                SampleEvents.GENERAL,
                1,
                SampleEvents.ALICE,
                "see https://example.org/x\nok",
                "<button hx-post=\"/admin/users/2/admin\" hx-trigger=\"load\">x</button><img src=x onerror=alert(1)>",
                java.time.Instant.parse("2026-11-30T12:00:00Z"),
                "c-9"));
        a.publish(hostile);
        await().atMost(Duration.ofSeconds(5)).until(() -> atB.size() == 1);
        var arrived = ((ChatEvent.MessagePosted) atB.get(0)).message();
        assertThat(arrived.html())
                .isEqualTo(dev.parley.chat.MessageContent.toHtml("see https://example.org/x\nok"))
                .contains("<a href=\"https://example.org/x\"")
                .doesNotContain("hx-", "onerror", "button");
        assertThat(arrived.content()).isEqualTo(hostile.message().content());
        assertThat(arrived.seq()).isEqualTo(1);
    }
}
