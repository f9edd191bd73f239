package dev.parley.bench.scenario;

import java.util.List;

/** Every scenario by name, and the ones {@code scripts/bench} runs by default, in order. */
public final class Scenarios {

    public static final List<String> DEFAULT = List.of("fanout", "manyrooms", "idle", "durable", "cross", "flood", "profile", "search");
    public static final List<String> NAMES = List.of("fanout", "manyrooms", "idle", "durable", "cross", "flood", "profile", "search", "selfcheck");

    private Scenarios() {}

    public static Scenario byName(String name) {
        return switch (name) {
            case "fanout" -> new FanOut();
            case "manyrooms" -> new ManyRooms();
            case "idle" -> new Idle();
            case "durable" -> new Durable();
            case "cross" -> new CrossInstance();
            case "flood" -> new Flood();
            case "profile" -> new Profile();
            case "search" -> new Search();
            case "selfcheck" -> new SelfCheck();
            default -> throw new IllegalArgumentException("no scenario " + name + "; known: " + NAMES);
        };
    }
}
