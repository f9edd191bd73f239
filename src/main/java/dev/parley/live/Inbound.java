package dev.parley.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.chat.ChatException;
import dev.parley.render.Json;

/**
 * One frame from a client. Programs send {@code {"event", "ack", "data": {...}}}; htmx's
 * {@code ws-send} sends the form's fields flat beside {@code event} (and a {@code HEADERS}
 * object), with every value a string. Both read the same here: numbers may come as digit strings.
 */
record Inbound(String event, Object ack, JsonNode data) {

    static final int MAX_ACK_LENGTH = 64;

    /** A frame that cannot be read; {@code ack} is set when the frame still named one. */
    static final class Unreadable extends Exception {
        final Object ack;
        final ChatException reason;

        Unreadable(Object ack, ChatException reason) {
            super(reason.getMessage(), null, false, false);
            this.ack = ack;
            this.reason = reason;
        }
    }

    static Inbound parse(String text) throws Unreadable {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Unreadable(
                    ackOfLenient(text),
                    ChatException.invalid(
                            null, "The frame is not valid JSON (one object, each key once, nothing after it)."));
        }
        if (root == null || !root.isObject())
            throw new Unreadable(null, ChatException.invalid(null, "A frame must be a JSON object."));
        Object ack = ack(root.get("ack"));
        JsonNode event = root.get("event");
        if (event == null || !event.isTextual())
            throw new Unreadable(ack, ChatException.invalid("event", "\"event\" must name an event."));
        JsonNode data = root.get("data");
        if (data == null) {
            ObjectNode flat = root.deepCopy();
            flat.remove("event");
            flat.remove("ack");
            flat.remove("HEADERS");
            data = flat;
        } else if (!data.isObject()) {
            throw new Unreadable(ack, ChatException.invalid("data", "\"data\" must be an object."));
        }
        return new Inbound(event.textValue(), ack, data);
    }

    /** Reads nothing but where to send the refusal: a frame refused as ambiguous still names its ack. */
    private static Object ackOfLenient(String text) {
        try {
            JsonNode lenient = LENIENT.readTree(text);
            return lenient != null && lenient.isObject() ? ack(lenient.get("ack")) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper LENIENT =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** The ack id as sent (a whole number or a short string), or null when absent or unusable. */
    private static Object ack(JsonNode ack) {
        if (ack == null || ack.isNull()) return null;
        if (ack.isIntegralNumber() && ack.canConvertToLong()) return ack.longValue();
        if (ack.isTextual() && !ack.textValue().isEmpty() && ack.textValue().length() <= MAX_ACK_LENGTH)
            return ack.textValue();
        return null;
    }

    /** A required positive id: a whole number, or a string of digits. */
    long id(String field) {
        JsonNode v = data.get(field);
        if (v == null || v.isNull()) throw ChatException.invalid(field, "\"" + field + "\" is required.");
        return positive(v, field);
    }

    /** An optional positive id; absent, null or empty (as a page's form sends it) is null. */
    Long optionalId(String field) {
        JsonNode v = data.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.textValue().isEmpty())) return null;
        return positive(v, field);
    }

    /** A required whole number of zero or more. */
    long count(String field) {
        JsonNode v = data.get(field);
        if (v == null || v.isNull()) throw ChatException.invalid(field, "\"" + field + "\" is required.");
        return nonNegative(v, field);
    }

    static long nonNegative(JsonNode v, String field) {
        long n = whole(v, field);
        if (n < 0) throw ChatException.invalid(field, "\"" + field + "\" must not be negative.");
        return n;
    }

    String text(String field) {
        return Json.text(data, field);
    }

    String optionalText(String field) {
        return Json.optionalText(data, field);
    }

    boolean has(String field) {
        JsonNode v = data.get(field);
        return v != null && !v.isNull();
    }

    static long positive(JsonNode v, String field) {
        long id = whole(v, field);
        if (id < 1) throw ChatException.invalid(field, "\"" + field + "\" must be an id.");
        return id;
    }

    static long whole(JsonNode v, String field) {
        if (v.isIntegralNumber() && v.canConvertToLong()) return v.longValue();
        if (v.isTextual() && v.textValue().matches("\\d{1,18}")) return Long.parseLong(v.textValue());
        throw ChatException.invalid(field, "\"" + field + "\" must be a whole number.");
    }
}
