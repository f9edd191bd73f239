package dev.parley.chat;

import java.util.Locale;

/** Who may sign up: anyone, people holding a valid invite link, or nobody. */
public enum Registration {
    OPEN,
    INVITE,
    CLOSED;

    /** The mode for a value of {@code REGISTRATION} or of the admin's form; empty for anything else. */
    public static java.util.Optional<Registration> parse(String value) {
        if (value == null) return java.util.Optional.empty();
        for (Registration r : values()) {
            if (r.wire().equals(value.trim().toLowerCase(Locale.ROOT))) return java.util.Optional.of(r);
        }
        return java.util.Optional.empty();
    }

    /** As written in settings, forms and JSON: {@code invite}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
