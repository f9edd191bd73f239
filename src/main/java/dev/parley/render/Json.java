package dev.parley.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.parley.chat.ChatException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * The one JSON mapper: instants as ISO-8601 text, unknown fields refused nowhere, nulls kept.
 * A text with anything after its value, or with a key twice, is refused: two readers of the same
 * bytes (a proxy, a log, this server) must never disagree on what they say.
 */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(dev.parley.chat.UserRef.class, UserRefFields.class)
            .registerModule(new SimpleModule().addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
                @Override
                public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                        throws IOException {
                    gen.writeString(value.toString());
                }
            }));

    private Json() {}

    /** A person without a display name is written as before there were any: no {@code displayName} field. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    private abstract static class UserRefFields {}

    /** Reads a JSON object body; anything else is an {@code invalid_payload}. */
    public static JsonNode readObject(InputStream body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) throw ChatException.invalid(null, "The body must be a JSON object.");
            return node;
        } catch (IOException e) {
            throw ChatException.invalid(null, "The body is not valid JSON.");
        }
    }

    /** A required string field; a missing one or one of another type is an {@code invalid_payload}. */
    public static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) throw ChatException.invalid(field, "\"" + field + "\" is required.");
        if (!v.isTextual()) throw ChatException.invalid(field, "\"" + field + "\" must be a string.");
        return v.textValue();
    }

    /** A required whole number; text, fractions and missing values are an {@code invalid_payload}. */
    public static long requiredLong(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) throw ChatException.invalid(field, "\"" + field + "\" is required.");
        if (!v.isIntegralNumber() || !v.canConvertToLong())
            throw ChatException.invalid(field, "\"" + field + "\" must be a whole number.");
        return v.longValue();
    }

    public static String optionalText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ChatException.invalid(field, "\"" + field + "\" must be a string.");
        return v.textValue();
    }

    /** An optional list of strings, given as an array or (as a form with one such field sends it) one string; empty when absent. */
    public static java.util.List<String> optionalTextList(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return java.util.List.of();
        if (v.isTextual()) return v.textValue().isEmpty() ? java.util.List.of() : java.util.List.of(v.textValue());
        if (!v.isArray()) throw ChatException.invalid(field, "\"" + field + "\" must be an array of strings.");
        var out = new java.util.ArrayList<String>();
        for (JsonNode item : v) {
            if (!item.isTextual()) throw ChatException.invalid(field, "\"" + field + "\" must be an array of strings.");
            out.add(item.textValue());
        }
        return out;
    }

    /** An optional whole number from {@code min} to {@code max}; null when absent. */
    public static Integer optionalInt(JsonNode body, String field, int min, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw ChatException.invalid(
                    field, "\"" + field + "\" must be a whole number from " + min + " to " + max + ".");
        }
        return v.intValue();
    }

    public static boolean optionalBoolean(JsonNode body, String field, boolean fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isBoolean()) throw ChatException.invalid(field, "\"" + field + "\" must be true or false.");
        return v.booleanValue();
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass(), e);
        }
    }
}
