package dev.parley.cluster;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.parley.chat.ChatEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Events as they travel between instances: {@code {"from":"<instance>","type":"MessagePosted","event":{...}}}.
 * The type is the event record's simple name, so every kind of {@link ChatEvent} travels
 * without a hand-kept list.
 */
final class EventCodec {

    /** An event and the instance that published it. */
    record Envelope(String from, ChatEvent event) {}

    private static final Map<String, Class<?>> TYPES = Arrays.stream(ChatEvent.class.getPermittedSubclasses())
            .collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

    private final ObjectMapper json = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, new InstantText())
                    .addDeserializer(Instant.class, new InstantParsed()));

    String encode(String from, ChatEvent event) {
        var node = json.createObjectNode();
        node.put("from", from);
        node.put("type", event.getClass().getSimpleName());
        node.set("event", json.valueToTree(event));
        return node.toString();
    }

    /** The envelope, or an {@link IllegalArgumentException} for text that is not one (another version, a stray publisher). */
    Envelope decode(String text) {
        try {
            JsonNode node = json.readTree(text);
            Class<?> type = TYPES.get(node.path("type").asText());
            if (type == null) throw new IllegalArgumentException("unknown event type " + node.path("type"));
            return new Envelope(node.path("from").asText(), (ChatEvent) json.treeToValue(node.get("event"), type));
        } catch (IOException e) {
            throw new IllegalArgumentException("not an event: " + e.getMessage(), e);
        }
    }

    private static final class InstantText extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(value.toString());
        }
    }

    private static final class InstantParsed extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser in, DeserializationContext context) throws IOException {
            return Instant.parse(in.getValueAsString());
        }
    }
}
