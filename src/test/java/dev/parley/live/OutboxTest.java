package dev.parley.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.Test;

/** The outbox and its coalescer, on a socket that records what Jetty is asked to write. */
class OutboxTest {

    private static final Duration WINDOW = Duration.ofMillis(10);

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final Coalescer coalescer = Coalescer.byHand(WINDOW, now::get);
    private final RecordingSocket socket = new RecordingSocket();
    private final Outbox outbox = new Outbox(socket, coalescer);

    /** One frame handed to Jetty; a frame with batch=false ends a network write. */
    record Sent(String text, boolean batch) {}

    static final class RecordingSocket extends CoreSession.Empty {
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        /** When set, writes complete only when the test says, like a socket whose buffer is full. */
        boolean stalled;
        final List<Callback> pending = new ArrayList<>();

        @Override
        public void sendFrame(Frame frame, Callback callback, boolean batch) {
            String text = frame.getOpCode() == OpCode.PING ? "<ping>" : frame.getPayloadAsUTF8();
            sent.add(new Sent(text, batch));
            if (stalled) {
                pending.add(callback);
            } else {
                callback.succeeded();
            }
        }

        List<String> texts() {
            return sent.stream().map(Sent::text).toList();
        }

        long writes() {
            return sent.stream().filter(s -> !s.batch()).count();
        }

        void drain() {
            stalled = false;
            while (!pending.isEmpty()) pending.remove(0).succeeded();
        }
    }

    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private void later(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void aQuietSocketWritesAtOnce() {
        assertThat(outbox.offer(text("a"))).isTrue();

        assertThat(socket.sent).containsExactly(new Sent("a", false));
        assertThat(coalescer.flush()).isZero();
    }

    @Test
    void eventsReachingASocketThatJustWroteWaitForTheFlushThenLeaveInOneWrite() {
        outbox.offer(text("a"));
        later(Duration.ofMillis(2));
        outbox.offer(text("b"));
        outbox.offer(text("c"));
        outbox.offer(text("d"));

        assertThat(socket.texts()).containsExactly("a");
        later(Duration.ofMillis(7));
        assertThat(coalescer.flush()).isZero();
        later(Duration.ofMillis(1));
        assertThat(coalescer.flush()).isEqualTo(1);

        assertThat(socket.sent).containsExactly(
                new Sent("a", false), new Sent("b", true), new Sent("c", true), new Sent("d", false));
        assertThat(socket.writes()).isEqualTo(2);
        assertThat(coalescer.flush()).isZero();
    }

    @Test
    void aSocketQuietForAWindowWritesAtOnceAgain() {
        outbox.offer(text("a"));
        later(WINDOW);
        outbox.offer(text("b"));

        assertThat(socket.texts()).containsExactly("a", "b");
        assertThat(coalescer.flush()).isZero();
    }

    @Test
    void theWindowCountsFromTheFlushThatWroteLast() {
        outbox.offer(text("a"));
        later(Duration.ofMillis(9));
        outbox.offer(text("b"));
        later(Duration.ofMillis(3));
        coalescer.flush();
        later(Duration.ofMillis(5));
        outbox.offer(text("c"));

        assertThat(socket.texts()).containsExactly("a", "b");
        later(Duration.ofMillis(4));
        assertThat(coalescer.flush()).isZero();
        later(Duration.ofMillis(1));
        coalescer.flush();
        assertThat(socket.texts()).containsExactly("a", "b", "c");
    }

    @Test
    void eachSocketWaitsForItsOwnWindowOnly() {
        var other = new RecordingSocket();
        var otherOutbox = new Outbox(other, coalescer);
        outbox.offer(text("a"));
        later(Duration.ofMillis(6));
        otherOutbox.offer(text("x"));
        later(Duration.ofMillis(1));
        outbox.offer(text("b"));
        otherOutbox.offer(text("y"));

        later(Duration.ofMillis(3));
        assertThat(coalescer.flush()).isEqualTo(1);
        assertThat(socket.texts()).containsExactly("a", "b");
        assertThat(other.texts()).containsExactly("x");
        later(Duration.ofMillis(6));
        assertThat(coalescer.flush()).isEqualTo(1);
        assertThat(other.texts()).containsExactly("x", "y");
    }

    @Test
    void aReplyLeavesAtOnceBehindWhatWasWaitingAndTheFlushFindsNothingLeft() {
        outbox.offer(text("a"));
        outbox.offer(text("event"));
        outbox.offerAtOnce(text("ack"));

        assertThat(socket.sent).containsExactly(new Sent("a", false), new Sent("event", true), new Sent("ack", false));
        later(WINDOW);
        assertThat(coalescer.flush()).isEqualTo(1);
        assertThat(socket.texts()).containsExactly("a", "event", "ack");
    }

    @Test
    void aReplyToAQuietSocketLeavesAtOnceAndStartsTheWindow() {
        outbox.offerAtOnce(text("ack"));
        outbox.offer(text("event"));

        assertThat(socket.texts()).containsExactly("ack");
        later(WINDOW);
        coalescer.flush();
        assertThat(socket.texts()).containsExactly("ack", "event");
    }

    @Test
    void withAWindowOfZeroEveryEventIsWrittenAtOnce() {
        var socket = new RecordingSocket();
        var outbox = new Outbox(socket, Coalescer.byHand(Duration.ZERO, now::get));
        for (String s : List.of("a", "b", "c")) outbox.offer(text(s));

        assertThat(socket.sent).containsExactly(new Sent("a", false), new Sent("b", false), new Sent("c", false));
    }

    @Test
    void whatArrivesDuringASlowWriteFollowsItInOrder() {
        socket.stalled = true;
        outbox.offer(text("a"));
        outbox.offerAtOnce(text("b"));
        outbox.offer(text("c"));
        assertThat(socket.texts()).containsExactly("a");

        socket.drain();
        assertThat(socket.texts()).containsExactly("a", "b", "c");
        assertThat(coalescer.flush()).isZero();
    }

    @Test
    void waitingEventsCountAgainstTheBound() {
        outbox.offer(text("a"));
        byte[] big = new byte[64 * 1024];
        int accepted = 0;
        while (outbox.offer(ByteBuffer.wrap(big))) accepted++;

        assertThat(accepted).isEqualTo(Outbox.MAX_QUEUED_BYTES / big.length);
        assertThat(outbox.offerAtOnce(text("ack"))).isFalse();
        later(WINDOW);
        coalescer.flush();
        assertThat(socket.texts()).containsExactly("a");
    }

    @Test
    void theCoalescersThreadFlushesAWindowAfterTheSocketsLastWrite() {
        try (var threaded = Coalescer.start(Duration.ofMillis(20))) {
            var socket = new RecordingSocket();
            var outbox = new Outbox(socket, threaded);
            outbox.offer(text("a"));
            outbox.offer(text("b"));
            outbox.offer(text("c"));

            await().atMost(Duration.ofSeconds(5)).until(() -> socket.sent.size() == 3);
            assertThat(socket.sent).containsExactly(new Sent("a", false), new Sent("b", true), new Sent("c", false));
        }
    }

    @Test
    void theThreadSurvivesAClockThatMovesBetweenEveryLook() {
        var jumpy = new AtomicLong();
        try (var threaded = Coalescer.start(Duration.ofMillis(10), () -> jumpy.addAndGet(4_000_000L))) {
            var socket = new RecordingSocket();
            var outbox = new Outbox(socket, threaded);
            for (int round = 0; round < 20; round++) {
                int sent = socket.sent.size();
                outbox.offer(text("a" + round));
                outbox.offer(text("b" + round));
                await().atMost(Duration.ofSeconds(5)).until(() -> socket.sent.size() >= sent + 2);
            }
            assertThat(socket.sent).hasSize(40);
        }
    }

    @Test
    void closingTheCoalescerWritesWhatWaits() {
        var threaded = Coalescer.start(Duration.ofSeconds(30));
        var socket = new RecordingSocket();
        var outbox = new Outbox(socket, threaded);
        outbox.offer(text("a"));
        outbox.offer(text("b"));

        threaded.close();

        assertThat(socket.texts()).containsExactly("a", "b");
    }
}
