package dev.parley.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "redis://:pa@ss@127.0.0.1:6379",
                "rediss://user:pa@ss@redis.internal:6380/0",
                "redis://:pa%40ss@127.0.0.1:6379",
                "jdbc:postgresql://db/parley?user=parley&password=pa@ss"
            })
    void aPasswordNeverShowsInARedactedUrlEvenWithAnAtSign(String url) {
        String redacted = Redaction.url(url);
        assertThat(redacted).doesNotContain("pa@ss", "pa%40ss", "ss@").contains("***");
    }
}
