package io.hydrogen.ws.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.hydrogen.ws.spi.StatusProvider;
import io.hydrogen.ws.testkit.StatusProviderContract;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The example provider passes the status provider kit, and says what it documents. */
class JvmStatusProviderContractTest extends StatusProviderContract {

    @Override
    protected StatusProvider provider() {
        return new JvmStatusProvider();
    }

    @Test
    void reportsTheDocumentedFields() {
        Map<String, Object> status = new JvmStatusProvider().status();
        assertThat(status).containsOnlyKeys("uptime_ms", "heap_used_bytes", "heap_max_bytes",
                "available_processors");
        assertThat((Long) status.get("uptime_ms")).isNotNegative();
        assertThat((Long) status.get("heap_used_bytes")).isPositive();
        assertThat((Integer) status.get("available_processors")).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void isNotDiscoveredByTheRunner() {
        assertThat(ServiceLoader.load(StatusProvider.class).stream().map(ServiceLoader.Provider::type))
                .doesNotContain(JvmStatusProvider.class);
    }
}
