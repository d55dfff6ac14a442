package io.hydrogen.ws.benchmark.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeliveryStatsTest {

    private static final String UPDATE = "{\"type\":\"update\",\"topic\":\"temperature\",\"seq\":%d,\"timestamp\":%d,"
            + "\"data\":{\"heaters\":{\"extruder\":{\"actual\":215.4}}}}";

    @Test
    void measuresTheUpdatesOfOneTopicAndCountsEverythingElseAsOther() {
        DeliveryStats stats = new DeliveryStats(MeasuredMessages.updates("temperature"));
        SeqTracker seqs = new SeqTracker();
        stats.startMeasuring();
        stats.onText(utf8(String.format(UPDATE, 5, 1000)), 1003, seqs);
        stats.onText(utf8(String.format(UPDATE, 8, 1010)), 1011, seqs);
        stats.onText(utf8("{\"type\":\"update\",\"topic\":\"job\",\"seq\":9,\"timestamp\":1,\"data\":{}}"), 1012, seqs);
        stats.onText(utf8("{\"type\":\"status\",\"seq\":3,\"timestamp\":1000}"), 1012, seqs);
        stats.onText(utf8("{\"type\":\"snapshot\",\"topic\":\"temperature\",\"seq\":9,\"timestamp\":1,\"data\":{}}"),
                1012, seqs);
        stats.stopMeasuring();

        assertThat(stats.messages()).isEqualTo(2);
        assertThat(stats.missed()).isEqualTo(2); // 6 and 7
        assertThat(stats.other()).isEqualTo(3);
        assertThat(stats.latency().getMaxValue()).isEqualTo(3);
    }

    @Test
    void aGroupCountsItsOwnReadersAndAddsThemToItsParent() {
        DeliveryStats all = new DeliveryStats(MeasuredMessages.updates("temperature"));
        DeliveryStats plain = all.group();
        DeliveryStats filtered = all.group();
        SeqTracker first = new SeqTracker();
        SeqTracker second = new SeqTracker();
        SeqTracker third = new SeqTracker();
        plain.onText(utf8(String.format(UPDATE, 1, 1000)), 1000, first); // before measuring: only advances seq
        all.startMeasuring();
        plain.onText(utf8(String.format(UPDATE, 2, 1000)), 1001, first);
        plain.onText(utf8(String.format(UPDATE, 2, 1000)), 1001, second);
        filtered.onText(utf8(String.format(UPDATE, 2, 1000)), 1040, third);
        filtered.onText(utf8("{\"type\":\"pong\"}"), 1040, third);
        all.stopMeasuring();

        assertThat(plain.messages()).isEqualTo(2);
        assertThat(plain.missed()).isZero();
        assertThat(filtered.messages()).isEqualTo(1);
        assertThat(filtered.other()).isEqualTo(1);
        assertThat(all.messages()).isEqualTo(3);
        assertThat(all.other()).isEqualTo(1);
        assertThat(all.distinctTicks()).isEqualTo(1);
        assertThat(filtered.latency().getMaxValue()).isEqualTo(40);
        assertThat(plain.latency().getMaxValue()).isEqualTo(1);
        assertThat(all.latency().getTotalCount()).isEqualTo(3);
    }

    @Test
    void refusesAnInvalidTopicName() {
        assertThatThrownBy(() -> MeasuredMessages.updates("Temperature\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a-z]");
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
