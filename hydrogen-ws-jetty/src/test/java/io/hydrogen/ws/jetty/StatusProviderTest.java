package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.ServerStartException;
import io.hydrogen.ws.spi.StatusProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Hosts' own sections in the status message, and their isolation. */
class StatusProviderTest {

    record Printer(String state, double progress, List<Integer> temperatures) {
    }

    private static StatusProvider provider(String section, java.util.concurrent.Callable<Object> value) {
        return new StatusProvider() {
            @Override
            public String section() {
                return section;
            }

            @Override
            public Object status() throws Exception {
                return value.call();
            }
        };
    }

    @Test
    void sectionsAppearInNameOrderWithPlainJavaValuesSerialised() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", 1);
        nested.put("none", null);
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .statusInterval(Duration.ofMillis(50))
                .endpoint(e -> e
                        .statusProvider(provider("printer", () -> new Printer("printing", 0.42, List.of(210, 60))))
                        .statusProvider(provider("farm", () -> nested))));
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            client.next("status");
            JsonObject status = client.next("status");
            List<String> keys = new ArrayList<>(status.keySet());
            assertThat(keys.subList(keys.indexOf("status") + 1, keys.size())).containsExactly("farm", "printer");
            assertThat(status.get("printer").toString())
                    .isEqualTo("{\"state\":\"printing\",\"progress\":0.42,\"temperatures\":[210,60]}");
            assertThat(status.get("farm").toString()).isEqualTo("{\"a\":1,\"none\":null}");
        }
    }

    @Test
    void repliesAndTheGreetingCarryTheSectionsToo() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .statusInterval(Duration.ofMinutes(1)) // no tick before the greeting
                .endpoint(e -> e.statusProvider(provider("printer", () -> Map.of("state", "idle")))));
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            assertThat(client.next("status").getAsJsonObject("printer").get("state").getAsString()).isEqualTo("idle");
            client.send("{\"type\":\"status\",\"id\":1}");
            assertThat(client.next("status").has("printer")).isTrue();
        }
    }

    @Test
    void throwingOrSlowProvidersAreLeftOutAndTicksStayOnTime() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .statusInterval(Duration.ofMillis(100))
                .endpoint(e -> e.statusProviderBudget(Duration.ofMillis(30))
                        .statusProvider(provider("broken", () -> {
                            throw new IllegalStateException("sensor unplugged");
                        }))
                        .statusProvider(provider("hung", () -> {
                            calls.incrementAndGet();
                            release.await();
                            return "late";
                        }))
                        .statusProvider(provider("fine", () -> "ok"))));
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            client.next("status");
            long started = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                JsonObject status = client.next("status");
                assertThat(status.get("fine").getAsString()).isEqualTo("ok");
                assertThat(status.has("broken")).isFalse();
                assertThat(status.has("hung")).isFalse();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            // The hung provider is not called again while its first call is still running.
            assertThat(calls.get()).isEqualTo(1);
            release.countDown();
        }
    }

    @Test
    void documentedFieldsCannotBeReplaced() {
        assertThatThrownBy(() -> ServerFixture.loopback()
                .endpoint(e -> e.statusProvider(provider("status", () -> 1))).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("documented field");
        assertThatThrownBy(() -> ServerFixture.loopback()
                .endpoint(e -> e.statusProvider(provider("Bad Name", () -> 1))).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a-z][a-z0-9_]{0,63}");
        assertThatThrownBy(() -> ServerFixture.loopback().endpoint(e -> e.statusProvider(provider("x", () -> 1))
                .statusProvider(provider("x", () -> 2))).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
    }

    @Test
    void providersAreDiscoveredWithServiceLoader() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e.statusProviderDiscovery(true)));
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            assertThat(client.next("status").getAsJsonObject("discovered").get("found").getAsBoolean()).isTrue();
        }
    }

    @Test
    void aDiscoveredProviderClashingWithARegisteredOneFailsTheStart() {
        HydrogenWebSocketServer server = ServerFixture.loopback().endpoint(e -> e.statusProviderDiscovery(true)
                .statusProvider(provider("discovered", () -> 1))).build();
        assertThatThrownBy(server::start).isInstanceOf(ServerStartException.class)
                .hasStackTraceContaining("both use the section name 'discovered'");
    }
}
