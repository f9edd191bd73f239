package dev.parley.bench.measure;

import dev.parley.bench.net.ChatSocket;

/** One place a pacer sends from: a socket, the room it posts to, and how many deliveries that makes. */
public record Slot(ChatSocket socket, long roomId, int receivers) {}
