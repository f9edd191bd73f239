package dev.parley.live;

import dev.parley.chat.ChatException;
import dev.parley.chat.ClusterUnavailable;
import dev.parley.chat.ErrorCode;
import dev.parley.chat.StoreException;
import dev.parley.chat.TryLater;
import dev.parley.util.FailureLog;
import dev.parley.util.Futures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every frame a client sends: rate-limited, parsed, run, and answered with exactly one ack when
 * it named one. A frame that fails without an ack id is logged and counted, never answered; the
 * connection stays up either way, and nothing is half-written.
 */
final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** What is stored in the room's order and answered after its commit, behind its own event. */
    private static final java.util.Set<String> SENDS =
            java.util.Set.of("send-message", "edit-message", "delete-message", "add-reaction", "remove-reaction");

    private final FailureLog failures = new FailureLog(log);
    private final Hub hub;
    private final Commands commands;
    private final LiveMeters meters;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    Dispatcher(Hub hub, Commands commands, LiveMeters meters) {
        this.meters = meters;
        this.hub = hub;
        this.commands = commands;
    }

    void receive(Connection c, String text) {
        received.incrementAndGet();
        hub.alive(c);
        // Counted before parsing, so that a flood of garbage is limited like any other.
        long waitNanos = c.rate.take();
        boolean allowed = waitNanos == 0;
        if (!allowed) meters.frameRateRefusals.increment();
        Inbound in;
        try {
            in = Inbound.parse(text);
        } catch (Inbound.Unreadable e) {
            c.goLive();
            meters.received(null);
            refuse(c::send, c, null, e.ack, allowed ? e.reason : rateLimited(waitNanos));
            return;
        }
        meters.received(in.event());
        if (!allowed) {
            refuse(c::send, c, in.event(), in.ack(), rateLimited(waitNanos));
            return;
        }
        // A sync replays before going live; any other first frame ends the hold at once.
        if (!in.event().equals("sync")) c.goLive();
        try {
            if (SENDS.contains(in.event())) c.sends.makeRoom();
            else c.sends.awaitAll();
            Object data = commands.run(c, in);
            if (data instanceof CompletableFuture<?> later) {
                // Answered after the commit, behind the message's own event, which it leaves with in one write.
                c.sends.add(later.whenComplete((result, failure) -> answer(c::queue, c, in, result, failure)));
            } else {
                answer(c::send, c, in, data, null);
            }
        } catch (RuntimeException e) {
            answer(c::send, c, in, null, e);
        } finally {
            c.goLive();
        }
    }

    /** The one ack a frame gets, through {@code out}, once its command has run (for a send, once it is durable). */
    private void answer(Consumer<String> out, Connection c, Inbound in, Object data, Throwable failure) {
        if (failure == null) {
            if (in.ack() != null) out.accept(Wire.ok(in.ack(), data));
            return;
        }
        Throwable cause = Futures.cause(failure);
        if (cause instanceof ChatException e) {
            refuse(out, c, in.event(), in.ack(), e);
        } else if (cause instanceof StoreException) {
            failures.failed(in.event() + " on " + c, cause);
            refuse(
                    out,
                    c,
                    in.event(),
                    in.ack(),
                    new ChatException(ErrorCode.UNAVAILABLE, "The server's database failed; try again in a moment."));
        } else if (cause instanceof ClusterUnavailable) {
            refuse(
                    out,
                    c,
                    in.event(),
                    in.ack(),
                    new ChatException(
                            ErrorCode.UNAVAILABLE, "Briefly unavailable (the instances lost touch); try again."));
        } else {
            failures.failed(in.event() + " on " + c, cause);
            refuse(
                    out,
                    c,
                    in.event(),
                    in.ack(),
                    new ChatException(ErrorCode.INTERNAL, "Something went wrong on the server."));
        }
    }

    private static ChatException rateLimited(long waitNanos) {
        return TryLater.rateLimited("Too many frames; slow down.", java.time.Duration.ofNanos(waitNanos));
    }

    /** {@code event}: the frame's event name, null when the frame could not be read. */
    private void refuse(Consumer<String> out, Connection c, String event, Object ack, ChatException e) {
        meters.error(event, e.code.wire());
        if (ack != null) {
            Long retryAfterMs = e instanceof TryLater later ? later.retryAfterMs() : null;
            out.accept(Wire.failed(ack, e.code.wire(), e.getMessage(), e.field, retryAfterMs));
        } else {
            dropped.incrementAndGet();
            log.debug("dropped a frame from {}: {} {}", c, e.code.wire(), e.getMessage());
        }
    }

    /** The protocol is text; a binary frame is dropped and counted like any unreadable one. */
    void binary(Connection c) {
        hub.alive(c);
        c.rate.take();
        dropped.incrementAndGet();
        log.debug("dropped a binary frame from {}", c);
    }

    long dropped() {
        return dropped.get();
    }

    long received() {
        return received.get();
    }
}
