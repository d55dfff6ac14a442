package io.hydrogen.ws.benchmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadPacingTest {

    private static final long MS = 1_000_000;

    @Test
    void unpacedNeverWaits() {
        ReadPacing pacing = new ReadPacing(Duration.ZERO);
        pacing.roundStarted(1_000 * MS);

        assertThat(pacing.waitNanos(1_000 * MS)).isZero();
    }

    @Test
    void aRoundStartsAnIntervalAfterThePreviousOneStarted() {
        ReadPacing pacing = new ReadPacing(Duration.ofMillis(20));

        assertThat(pacing.waitNanos(-5 * MS)).as("the first round").isZero(); // nanoTime may be negative
        pacing.roundStarted(-5 * MS);
        assertThat(pacing.waitNanos(-2 * MS)).as("3 ms into the round").isEqualTo(17 * MS);
        assertThat(pacing.waitNanos(15 * MS)).as("exactly an interval later").isZero();
    }

    @Test
    void aLongRoundIsNotMadeUpForByAShortOne() {
        ReadPacing pacing = new ReadPacing(Duration.ofMillis(5));
        pacing.roundStarted(100 * MS);

        assertThat(pacing.waitNanos(130 * MS)).as("after a 30 ms round").isZero();
        pacing.roundStarted(130 * MS);
        assertThat(pacing.waitNanos(131 * MS)).isEqualTo(4 * MS);
    }

    @Test
    void refusesANegativeOrTooLongInterval() {
        assertThatThrownBy(() -> new ReadPacing(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..100 ms");
        assertThatThrownBy(() -> new ReadPacing(Duration.ofMillis(101)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 101 ms");
        assertThat(new ReadPacing(Duration.ofMillis(100)).waitNanos(0)).isZero();
    }
}
