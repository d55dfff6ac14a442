package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.spi.ConnectionInfo;
import io.hydrogen.ws.spi.HydrogenEventListener;
import io.hydrogen.ws.spi.StatusProvider;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Listeners are never called under one of the server's locks: a listener that reads
 * {@code context().connections()} (which takes every queue's lock) from every callback, while many
 * queues conflate and overflow on several threads at once, cannot deadlock the server.
 */
class ListenerReentrancyTest {

    private static final StatusProvider BULKY = ServerFixture.bulky(20_000);

    /** Calls back into the server from every event, as a metrics binding that samples queues would. */
    private static final class ReentrantListener implements HydrogenEventListener {
        final AtomicReference<HydrogenWebSocketServer> server = new AtomicReference<>();
        final AtomicLong calls = new AtomicLong();
        final AtomicLong conflated = new AtomicLong();
        final AtomicLong overflowed = new AtomicLong();

        private void readBack() {
            HydrogenWebSocketServer current = server.get();
            if (current != null) {
                current.context().connections();
                current.context().outboundStats();
            }
            calls.incrementAndGet();
        }

        @Override
        public void connectionOpened(ConnectionInfo connection) {
            readBack();
        }

        @Override
        public void connectionAuthenticated(ConnectionInfo connection) {
            readBack();
        }

        @Override
        public void connectionClosed(ConnectionInfo connection, boolean wasAuthenticated, int code, String reason) {
            readBack();
        }

        @Override
        public void messageReceived(ConnectionInfo connection, String type, long bytes) {
            readBack();
        }

        @Override
        public void messageSent(ConnectionInfo connection, int bytes) {
            readBack();
        }

        @Override
        public void messageDropped(ConnectionInfo connection, String reason) {
            (reason.equals("conflated") ? conflated : overflowed).incrementAndGet();
            readBack();
        }

        @Override
        public void statusTickBuilt(long seq, Duration buildTime, int recipients) {
            readBack();
        }
    }

    @Test
    void aListenerThatReadsTheConnectionsFromEveryCallbackCannotDeadlockTheServer() {
        ReentrantListener listener = new ReentrantListener();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                    .statusInterval(Duration.ofMillis(5))
                    .endpoint(e -> e.statusProvider(BULKY))
                    .queues(q -> q.maxQueuedMessages(16).maxQueueDelay(Duration.ofSeconds(1)))
                    .limits(l -> l.maxMessagesPerSecond(1_000_000))
                    .eventListener(listener));
                 TestClient healthy = TestClient.connect(server.uri(), KEY)) {
                listener.server.set(server);
                healthy.next("status");
                // Non-readers flood status requests: their replies overflow on Jetty's threads while the
                // pushes conflate on the scheduler thread, each queue under its own lock.
                List<Thread> flooders = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    Thread flooder = new Thread(() -> flood(server));
                    flooder.start();
                    flooders.add(flooder);
                }
                for (Thread flooder : flooders) {
                    flooder.join();
                }
                assertThat(listener.overflowed.get() + listener.conflated.get()).isPositive();
                // Still serving: the healthy client gets fresh pushes and the server closes cleanly.
                healthy.messages.clear();
                long before = healthy.next("status").get("seq").getAsLong();
                assertThat(healthy.next("status").get("seq").getAsLong()).isGreaterThan(before);
            }
        });
        assertThat(listener.calls.get()).isGreaterThan(100);
    }

    /** Sends status requests without reading any reply until the server closes the socket or 3 s pass. */
    private static void flood(HydrogenWebSocketServer server) {
        byte[] request = RawHttp.maskedTextFrame("{\"type\":\"status\"}");
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        try (Socket socket = RawHttp.openUpgraded(server.port(), "/", "Authorization: Key " + KEY,
                "Sec-WebSocket-Protocol: hydrogen-protocol")) {
            socket.setReceiveBufferSize(4096);
            socket.setSoTimeout(3_000);
            while (System.nanoTime() < deadline) {
                socket.getOutputStream().write(request);
            }
        } catch (IOException closedByTheServer) {
            // A 1013 (or abort) for not reading is the expected end of a flood.
        }
    }
}
