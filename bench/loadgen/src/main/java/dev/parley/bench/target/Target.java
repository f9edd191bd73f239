package dev.parley.bench.target;

import dev.parley.bench.net.ChatSocket;
import dev.parley.bench.net.Receiver;
import dev.parley.bench.proc.Proc;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A chat server under test (Parley, the Socket.IO peer, or the bare-Jetty ceiling), so each
 * scenario is written once. A target owns its processes: {@link #start} launches them on fresh
 * data, {@link #close} stops them.
 */
public interface Target extends AutoCloseable {

    /** Short name used in tables: parley, peer, jetty, parley-pg, parley×2… */
    String name();

    int instances();

    void start();

    /** Creates the layout's users and rooms; tokens for every member. */
    Cast prepare(Layout layout);

    /** Opens one socket for a member on an instance; completes once it may send and receive in all its rooms. */
    CompletableFuture<ChatSocket> open(Cast cast, Member member, int instance, Receiver receiver);

    /** CPU time of every server process (and a Redis it started), in microseconds. */
    long cpuMicros();

    /** The part of {@link #cpuMicros} spent in the kernel (system time). */
    default long systemMicros() {
        return pids().stream().mapToLong(p -> Proc.cpuSplitMicros(Long.toString(p))[1]).sum();
    }

    Memory memory();

    /** The server processes' ids, for the report and for the kill check. */
    List<Long> pids();

    @Override
    void close();
}
