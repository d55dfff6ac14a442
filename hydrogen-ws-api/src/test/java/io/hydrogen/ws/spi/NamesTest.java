package io.hydrogen.ws.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The naming rules for status sections: well-formed, and never a member the server writes itself. */
class NamesTest {

    /**
     * The system info response is a status message plus port, protocol and outbound: a section
     * with one of those names would collide with it there.
     */
    @ParameterizedTest
    @ValueSource(strings = {"outbound", "port", "protocol"})
    void sectionsMayNotTakeTheSystemInfoMembers(String name) {
        assertThat(Names.RESERVED_STATUS_FIELDS).contains(name);
        assertThatThrownBy(() -> Names.requireStatusSection(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'").hasMessageContaining("system info");
    }

    @ParameterizedTest
    @ValueSource(strings = {"type", "id", "seq", "timestamp", "epoch", "status", "system", "server_start_time",
        "active_connections", "total_connections", "total_requests", "error", "result", "request"})
    void sectionsMayNotTakeTheStatusMessagesMembers(String name) {
        assertThatThrownBy(() -> Names.requireStatusSection(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("documented field");
    }

    @Test
    void wellFormedSectionNamesPass() {
        assertThat(Names.requireStatusSection("printer")).isEqualTo("printer");
        assertThat(Names.requireStatusSection("outbound_queue")).isEqualTo("outbound_queue");
        assertThatThrownBy(() -> Names.requireStatusSection("Outbound")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[a-z][a-z0-9_]{0,63}");
    }
}
