package dev.parley.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.RecordingSocket;
import dev.parley.testing.RecordingSocket.Sent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbox and its socket writer, on a socket that records what Jetty is asked to write. */
class OutboxTest {

    private final SocketWriter writer = SocketWriter.byHand();
    private final RecordingSocket socket = new RecordingSocket();
    private final Outbox outbox = new Outbox(socket, writer);

    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSharedEventWaitsForTheWriter() {
        assertThat(outbox.offer(text("a"))).isTrue();
        assertThat(socket.sent).isEmpty();

        assertThat(writer.writeWaiting()).isEqualTo(1);
        assertThat(socket.sent).containsExactly(new Sent("a", false));
        assertThat(writer.writeWaiting()).isZero();
    }

    @Test
    void eventsThatPiledUpBeforeTheWritersTurnLeaveInOneWrite() {
        for (String s : List.of("a", "b", "c")) outbox.offer(text(s));
        writer.writeWaiting();
        outbox.offer(text("d"));
        writer.writeWaiting();

        assertThat(socket.sent)
                .containsExactly(new Sent("a", true), new Sent("b", true), new Sent("c", false), new Sent("d", false));
        assertThat(socket.writes()).isEqualTo(2);
    }

    @Test
    void eachSocketIsHandedToTheWriterOncePerTurn() {
        var other = new RecordingSocket();
        var otherOutbox = new Outbox(other, writer);
        outbox.offer(text("a"));
        otherOutbox.offer(text("x"));
        outbox.offer(text("b"));

        assertThat(writer.writeWaiting()).isEqualTo(2);
        assertThat(socket.texts()).containsExactly("a", "b");
        assertThat(other.texts()).containsExactly("x");
    }

    @Test
    void aReplyLeavesAtOnceBehindWhatWasWaitingAndTheWriterFindsNothingLeft() {
        outbox.offer(text("event"));
        outbox.offerAtOnce(text("ack"));

        assertThat(socket.sent).containsExactly(new Sent("event", true), new Sent("ack", false));
        assertThat(writer.writeWaiting()).isEqualTo(1);
        assertThat(socket.texts()).containsExactly("event", "ack");
    }

    @Test
    void aReplyToAQuietSocketLeavesAtOnce() {
        outbox.offerAtOnce(text("ack"));

        assertThat(socket.sent).containsExactly(new Sent("ack", false));
        assertThat(writer.writeWaiting()).isZero();
    }

    @Test
    void whatArrivesDuringASlowWriteFollowsItInOrder() {
        socket.stalled = true;
        outbox.offerAtOnce(text("a"));
        outbox.offer(text("b"));
        outbox.offerAtOnce(text("c"));
        assertThat(socket.texts()).containsExactly("a");
        assertThat(writer.writeWaiting()).isZero();

        socket.drain();
        assertThat(socket.texts()).containsExactly("a", "b", "c");
    }

    @Test
    void waitingEventsCountAgainstTheBound() {
        byte[] big = new byte[64 * 1024];
        int accepted = 0;
        while (outbox.offer(ByteBuffer.wrap(big))) accepted++;

        assertThat(accepted).isEqualTo(Outbox.MAX_QUEUED_BYTES / big.length);
        assertThat(outbox.offerAtOnce(text("ack"))).isFalse();
        writer.writeWaiting();
        assertThat(socket.sent).isEmpty();
    }

    @Test
    void theWritersThreadWritesWhatIsHandedToIt() {
        try (var threaded = SocketWriter.start()) {
            var socket = new RecordingSocket();
            var outbox = new Outbox(socket, threaded);
            for (int i = 0; i < 1000; i++) outbox.offer(text("m" + i));

            await().atMost(Duration.ofSeconds(5)).until(() -> socket.sent.size() == 1000);
            assertThat(socket.texts())
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 1000)
                            .mapToObj(i -> "m" + i)
                            .toList());
            assertThat(socket.sent.get(999).batch()).isFalse();
        }
    }

    @Test
    void closingTheWriterWritesWhatWaits() {
        outbox.offer(text("a"));
        outbox.offer(text("b"));

        writer.close();
        assertThat(socket.texts()).containsExactly("a", "b");
    }
}
