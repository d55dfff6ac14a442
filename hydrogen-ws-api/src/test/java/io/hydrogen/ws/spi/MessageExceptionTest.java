package io.hydrogen.ws.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The host's errors: details as the docs allow them (nulls, records, arrays), copied in order. */
class MessageExceptionTest {

    record Limits(int maxTempC) {
    }

    @Test
    void detailsMayHoldNullsRecordsAndArraysAndKeepTheirOrder() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("zeta", null);
        details.put("limits", new Limits(300));
        int[] axes = {1, 2};
        details.put("axes", axes);
        details.put("alpha", "last");
        MessageException e = new MessageException("printer_busy", "Busy", details);
        assertThat(List.copyOf(e.details().keySet())).containsExactly("zeta", "limits", "axes", "alpha");
        assertThat(e.details()).containsEntry("zeta", null).containsEntry("limits", new Limits(300))
                .containsEntry("axes", axes).containsEntry("alpha", "last");
    }

    @Test
    void detailsAreAnUnmodifiableCopy() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("a", 1);
        MessageException e = new MessageException("printer_busy", "Busy", details);
        details.put("b", 2);
        assertThat(e.details()).containsOnlyKeys("a");
        assertThatThrownBy(() -> e.details().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new MessageException("printer_busy", "Busy").details()).isEmpty();
    }

    @Test
    void nullKeysAndNullDetailsAreRefusedWithAMessage() {
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThatThrownBy(() -> new MessageException("printer_busy", "Busy", nullKey))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> new MessageException("printer_busy", "Busy", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("details");
    }

    @Test
    void typedMapsAreAcceptedToo() {
        Map<String, List<Integer>> temperatures = Map.of("hotend", new ArrayList<>(List.of(210)));
        assertThat(new MessageException("too_hot", "Too hot", temperatures).details()).containsKey("hotend");
    }
}
