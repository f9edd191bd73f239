package dev.parley.bench.scenario;

import java.util.List;

/** Every scenario by name, and the ones {@code scripts/bench} runs by default, in order. */
public final class Scenarios {

    public static final List<String> DEFAULT = List.of("fanout", "manyrooms", "idle", "durable", "cross", "flood", "profile");
    public static final List<String> NAMES = List.of("fanout", "manyrooms", "idle", "durable", "cross", "flood", "profile", "selfcheck");

    private Scenarios() {}

    public static Scenario byName(String name) {
        return switch (name) {
            case "fanout" -> new FanOut();
            default -> throw new IllegalArgumentException("no scenario " + name + "; known: " + NAMES);
        };
    }
}
