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
        assertThat(valid().buildConfig().endpoint().jsonNaming()).isEqualTo(JsonNaming.SNAKE_CASE);
    }

    @Test
    void hostCanKeepTheJavaNames() {
        assertThat(valid().endpoint(e -> e.jsonNaming(JsonNaming.AS_DECLARED)).buildConfig().endpoint().jsonNaming())
                .isEqualTo(JsonNaming.AS_DECLARED);
    }

    @Test
    void nullIsRefusedAtOnce() {
        assertThatThrownBy(() -> valid().endpoint(e -> e.jsonNaming(null))).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("naming");
    }
}
