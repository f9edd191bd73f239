package dev.parley.bench.target;

import dev.parley.bench.net.ChatSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** For targets whose sockets join their rooms themselves (the peer, bare Jetty): ready once every join is acked. */
final class JoinAll {

    private JoinAll() {}

    static CompletableFuture<ChatSocket> after(CompletableFuture<ChatSocket> ready, List<Long> roomIds) {
        return ready.thenCompose(socket -> {
            CompletableFuture<?>[] joins = roomIds.stream().map(r -> socket.join(r).thenAccept(ok -> {
                if (!ok) throw new IllegalStateException("join-room " + r + " refused");
            })).toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(joins).thenApply(v -> socket);
        });
    }
}
