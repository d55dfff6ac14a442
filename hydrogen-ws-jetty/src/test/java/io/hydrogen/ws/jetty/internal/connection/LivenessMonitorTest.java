package io.hydrogen.ws.jetty.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How a ping round is sliced (the spreading itself is checked on the wire in WirePathTest). */
class LivenessMonitorTest {

    @Test
    void aRoundHasUpToTwentySlicesOfAtLeastFiftyMilliseconds() {
        assertThat(LivenessMonitor.slices(Duration.ofSeconds(20))).isEqualTo(20);
        assertThat(LivenessMonitor.slices(Duration.ofMinutes(5))).isEqualTo(20);
        assertThat(LivenessMonitor.slices(Duration.ofMillis(400))).isEqualTo(8);
        assertThat(LivenessMonitor.slices(Duration.ofMillis(120))).isEqualTo(2);
        assertThat(LivenessMonitor.slices(Duration.ofMillis(10))).isEqualTo(1);
        assertThat(LivenessMonitor.slices(Duration.ZERO)).isEqualTo(1);
    }
}
