package dev.parley.bench.target;

/** A server's memory: resident set (all its processes) and live heap after a forced collection (-1 when unknown). */
public record Memory(long rssBytes, long heapBytes) {}
