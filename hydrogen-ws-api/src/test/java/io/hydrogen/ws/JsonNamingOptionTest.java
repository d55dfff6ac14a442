package io.hydrogen.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The JSON naming option: snake_case unless the host chooses otherwise. */
class JsonNamingOptionTest {

    private static HydrogenWebSocketServerBuilder valid() {
        return HydrogenWebSocketServer.builder().apiKey("a-long-enough-key-123");
    }

    @Test
    void defaultIsSnakeCaseLikeTheProtocol() {
        assertThat(valid().buildConfig().jsonNaming()).isEqualTo(JsonNaming.SNAKE_CASE);
    }

    @Test
    void hostCanKeepTheJavaNames() {
        assertThat(valid().jsonNaming(JsonNaming.AS_DECLARED).buildConfig().jsonNaming())
                .isEqualTo(JsonNaming.AS_DECLARED);
    }

    @Test
    void nullIsRefusedAtOnce() {
        assertThatThrownBy(() -> valid().jsonNaming(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("naming");
    }
}
