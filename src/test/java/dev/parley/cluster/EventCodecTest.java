package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.chat.ChatEvent;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void everyKindOfEventTravelsUnchanged() {
        for (ChatEvent event : SampleEvents.everyKind()) {
            var envelope = codec.decode(codec.encode("instance-a", event));
            assertThat(envelope.from()).isEqualTo("instance-a");
            assertThat(envelope.event()).isEqualTo(event);
        }
    }

    @Test
    void everyPermittedEventTypeIsSampled() {
        var sampled = SampleEvents.everyKind().stream()
                .map(e -> e.getClass().getSimpleName())
                .toList();
        var permitted = java.util.Arrays.stream(ChatEvent.class.getPermittedSubclasses())
                .map(Class::getSimpleName)
                .toList();
        assertThat(sampled).containsAll(permitted);
    }

    @Test
    void textThatIsNotAnEventIsRefusedClearly() {
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode("{\"from\":\"x\",\"type\":\"Nope\",\"event\":{}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown event type");
    }
}
