package io.hydrogen.ws.benchmark.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusFieldsTest {

    private static final String STATUS = "{\"type\":\"status\",\"seq\":42,\"timestamp\":1795881600123,"
            + "\"server_start_time\":\"2026-11-27T15:52:05.123Z\",\"active_connections\":3,"
            + "\"system\":{\"sysname\":\"Linux\"},\"status\":{\"running\":true}}";

    @Test
    void readsSeqAndTimestampOfAStatusMessage() {
        assertThat(MeasuredMessages.status().matches(utf8(STATUS))).isTrue();
        assertThat(StatusFields.seq(utf8(STATUS))).isEqualTo(42);
        assertThat(StatusFields.timestamp(utf8(STATUS))).isEqualTo(1795881600123L);
    }

    @Test
    void reportsMissingOrMalformedFieldsAsMinusOne() {
        assertThat(MeasuredMessages.status().matches(utf8("{\"type\":\"pong\",\"id\":1}"))).isFalse();
        assertThat(StatusFields.seq(utf8("{\"type\":\"status\"}"))).isEqualTo(-1);
        assertThat(StatusFields.seq(utf8("{\"type\":\"status\",\"seq\":\"x\"}"))).isEqualTo(-1);
        assertThat(StatusFields.seq(utf8("{\"type\":\"status\",\"seq\":99999999999999999999}"))).isEqualTo(-1);
    }

    private static java.nio.ByteBuffer utf8(String text) {
        return java.nio.ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
