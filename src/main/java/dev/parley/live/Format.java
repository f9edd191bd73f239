package dev.parley.live;

/** What a connection receives: HTML fragments for htmx pages, JSON events for programs. */
public enum Format {
    HTML,
    JSON;

    public static final String JSON_SUBPROTOCOL = "parley.json";
}
