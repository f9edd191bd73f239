package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"bob", "alice_2", "j.doe", "x-y-z", "abcdefghijklmnopqrstuvwxyz012345"})
    void acceptableUsernames(String name) {
        assertThat(Accounts.checkUsername(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "abcdefghijklmnopqrstuvwxyz0123456", "al ice", "alice!", "élodie", "bob@home"})
    void refusedUsernames(String name) {
        assertThatThrownBy(() -> Accounts.checkUsername(name)).isInstanceOfSatisfying(ChatException.class, e -> {
            assertThat(e.code).isEqualTo(ErrorCode.INVALID_PAYLOAD);
            assertThat(e.field).isEqualTo("username");
        });
    }

    @Test
    void usernamesAreFoldedToLowerCase() {
        assertThat(Accounts.checkUsername("  Alice ")).isEqualTo("alice");
    }

    @Test
    void roomNamesAreTidiedAndBounded() {
        assertThat(Rooms.checkName("  design   reviews ")).isEqualTo("design reviews");
        assertThatThrownBy(() -> Rooms.checkName(" ")).isInstanceOf(ChatException.class);
        assertThatThrownBy(() -> Rooms.checkName("x".repeat(Rooms.MAX_NAME + 1)))
                .isInstanceOf(ChatException.class);
        assertThatThrownBy(() -> Rooms.checkName("bell\u0007")).isInstanceOf(ChatException.class);
    }
}
