package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hydrogen.ws.HydrogenWebSocketServer;
import java.io.File;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Start and close, again and again: threads and file descriptors come back to their baseline. */
class ResourceLeakTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void hundredStartCloseCyclesLeakNothing() {
        cycle(); // first cycle loads classes and starts JDK-internal threads
        int threads = Thread.activeCount();
        long fds = openFileDescriptors();
        for (int i = 0; i < 100; i++) {
            cycle();
        }
        // Threads end asynchronously after close: wait, bounded, for them.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(Thread.activeCount()).isLessThanOrEqualTo(threads + 2);
            assertThat(openFileDescriptors()).isLessThanOrEqualTo(fds + 5);
        });
    }

    private static void cycle() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .statusInterval(Duration.ofMillis(20)).liveness(l -> l.pingInterval(Duration.ofMillis(50))));
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            client.next("status");
        }
    }

    private static long openFileDescriptors() {
        String[] entries = new File("/proc/self/fd").list();
        return entries == null ? 0 : entries.length;
    }
}
