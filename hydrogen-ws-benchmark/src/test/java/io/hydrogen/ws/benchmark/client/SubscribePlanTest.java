package io.hydrogen.ws.benchmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubscribePlanTest {

    private static final String OPTIONS = "{\"min_interval_ms\":200,\"deadband\":0.5}";

    @Test
    void halfOfTheReadersSendTheOptionsEveryOtherOne() {
        SubscribePlan plan = new SubscribePlan("temperature", OPTIONS, 0.5);

        assertThat(IntStream.range(0, 1000).filter(plan::withOptions).count()).isEqualTo(500);
        assertThat(plan.countWithOptions(1000)).isEqualTo(500);
        assertThat(plan.withOptions(0)).isNotEqualTo(plan.withOptions(1));
        assertThat(plan.message(1)).isEqualTo(
                "{\"type\":\"subscribe\",\"id\":1,\"topic\":\"temperature\",\"min_interval_ms\":200,\"deadband\":0.5}");
        assertThat(plan.message(0)).isEqualTo("{\"type\":\"subscribe\",\"id\":1,\"topic\":\"temperature\"}");
    }

    @Test
    void withoutOptionsEveryReaderSubscribesPlainly() {
        SubscribePlan plan = new SubscribePlan("job", null, 1);

        assertThat(IntStream.range(0, 10).noneMatch(plan::withOptions)).isTrue();
        assertThat(plan.countWithOptions(10)).isZero();
    }

    @Test
    void refusesOptionsThatAreNoObjectAndFractionsOutsideZeroToOne() {
        assertThatThrownBy(() -> new SubscribePlan("temperature", "[1]", 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> new SubscribePlan("temperature", OPTIONS, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1");
    }

    @Test
    void aFirstMessageIsOneMaskedTextFrame() {
        byte[] shortFrame = RawReaderGroup.maskedText("{}");
        assertThat(shortFrame).containsExactly(0x81, 0x82, 0, 0, 0, 0, '{', '}');

        byte[] longFrame = RawReaderGroup.maskedText("x".repeat(300));
        assertThat(longFrame).hasSize(4 + 4 + 300);
        assertThat(longFrame[1] & 0xFF).isEqualTo(0x80 | 126);
        assertThat(((longFrame[2] & 0xFF) << 8) | (longFrame[3] & 0xFF)).isEqualTo(300);
    }
}
