package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hydrogen.ws.HydrogenWebSocketServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Protocol item 8: counters are exact under concurrency and never negative. */
class CountersTest {

    private static final int CLIENTS = 200;

    @Test
    void concurrentConnectsAndDisconnectsAreCountedExactly() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(
                ServerFixture.loopback().statusInterval(Duration.ofMillis(20)))) {
            AtomicBoolean sampling = new AtomicBoolean(true);
            AtomicInteger lowest = new AtomicInteger();
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    lowest.accumulateAndGet(server.context().activeConnections(), Math::min);
                }
            });
            sampler.start();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<CompletableFuture<TestClient>> connects = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    boolean inBand = i % 4 == 0;
                    connects.add(CompletableFuture.supplyAsync(() -> {
                        TestClient client = inBand ? TestClient.connect(server.uri(), "hydrogen-protocol", null)
                                : TestClient.connect(server.uri(), KEY);
                        if (inBand) {
                            client.send("{\"type\":\"auth\",\"key\":\"" + KEY + "\"}");
                            client.next("auth_ok");
                        }
                        client.next("status");
                        client.send("{\"type\":\"ping\"}");
                        client.nextNonStatus();
                        return client;
                    }, pool));
                }
                List<TestClient> clients = connects.stream().map(CompletableFuture::join).toList();
                assertThat(server.context().activeConnections()).isEqualTo(CLIENTS);
                assertThat(server.context().totalConnections()).isEqualTo(CLIENTS);
                assertThat(server.context().totalRequests()).isEqualTo(CLIENTS); // auth messages are not requests

                // Half leave politely, half just drop the TCP connection.
                List<CompletableFuture<Void>> closes = new ArrayList<>();
                for (int i = 0; i < clients.size(); i++) {
                    TestClient client = clients.get(i);
                    boolean abrupt = i % 2 == 0;
                    closes.add(CompletableFuture.runAsync(abrupt ? client.socket::abort : client::close, pool));
                }
                closes.forEach(CompletableFuture::join);
                await().atMost(Duration.ofSeconds(20)).until(() -> server.context().activeConnections() == 0);
                assertThat(server.context().totalConnections()).isEqualTo(CLIENTS);
            } finally {
                pool.shutdownNow();
                sampling.set(false);
                sampler.join();
            }
            assertThat(lowest.get()).isZero();
        }
    }
}
