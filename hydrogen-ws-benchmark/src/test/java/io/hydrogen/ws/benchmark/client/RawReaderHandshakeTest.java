package io.hydrogen.ws.benchmark.client;

import static io.hydrogen.ws.benchmark.client.StubUpgradeServer.SWITCHING;
import static io.hydrogen.ws.benchmark.client.StubUpgradeServer.readRequest;
import static io.hydrogen.ws.benchmark.client.StubUpgradeServer.textFrame;
import static io.hydrogen.ws.benchmark.client.StubUpgradeServer.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hydrogen.ws.benchmark.metrics.DeliveryStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The reading clients' non-blocking handshakes against real loopback servers that answer 101 (with
 * the first frames in the same packet as the head), refuse, hang up, never answer, or are not
 * there; through a {@link ConnectionRamp} into a {@link ConnectTally}, as the generator runs them.
 */
class RawReaderHandshakeTest {

    private static final String PROTOCOL = "hydrogen-protocol";
    private static final byte[] CLOSE_1000 = {(byte) 0x88, 2, 0x03, (byte) 0xE8};

    @Test
    void theBytesAfterTheHeadReachTheReaderAndTheFirstMessageFollowsThe101() throws Exception {
        AtomicReference<String> request = new AtomicReference<>();
        AtomicReference<String> firstMessage = new AtomicReference<>();
        byte[] frame1 = status(1);
        byte[] frame2 = status(2);
        byte[] frame3 = status(3);
        try (StubUpgradeServer server = new StubUpgradeServer((client, n) -> {
            request.set(readRequest(client));
            // The head in two packets; the second also carries frame 1 and the start of frame 2.
            int cut = 40;
            write(client, SWITCHING.substring(0, cut));
            Thread.sleep(50);
            write(client, concat(SWITCHING.substring(cut).getBytes(StandardCharsets.US_ASCII), frame1,
                    Arrays.copyOfRange(frame2, 0, 3)));
            firstMessage.set(readClientText(client)); // sent only once the client has the 101
            Thread.sleep(50);
            write(client, concat(Arrays.copyOfRange(frame2, 3, frame2.length), frame3, CLOSE_1000));
        }); RawReaderGroup group = new RawReaderGroup(uri(server), PROTOCOL, "k", 5000, Duration.ZERO)) {
            group.start();
            DeliveryStats stats = new DeliveryStats();
            stats.startMeasuring();
            CloseTally closes = new CloseTally();
            ConnectTally tally = new ConnectTally();

            new ConnectionRamp(100, 1, 5000).run(0, 1, tally,
                    group.attempt(index -> new RawReaderGroup.Reader(stats, "{\"type\":\"subscribe\"}"), closes));

            assertThat(tally.made()).isEqualTo(1);
            assertThat(tally.failed()).isZero();
            assertThat(tally.handshakeMicros().getTotalCount()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> closes.byCode().equals(Map.of(1000, 1L)));
            stats.stopMeasuring();
            assertThat(stats.messages()).isEqualTo(3);
            assertThat(stats.missed()).isZero();
            assertThat(stats.unparsable()).isZero();
            assertThat(firstMessage.get()).isEqualTo("{\"type\":\"subscribe\"}");
            assertThat(request.get()).startsWith("GET / HTTP/1.1\r\n")
                    .contains("\r\nUpgrade: websocket\r\n", "\r\nSec-WebSocket-Version: 13\r\n",
                            "\r\nSec-WebSocket-Protocol: hydrogen-protocol\r\n", "\r\nAuthorization: Key k\r\n");
            assertThat(server.errors()).isEmpty();
        }
    }

    @Test
    void refusalsAreCountedWithTheirStatusAndClosed() throws Exception {
        try (StubUpgradeServer server = new StubUpgradeServer((client, n) -> {
            readRequest(client);
            write(client, n % 2 == 0
                    ? "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"
                    : "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
        }); RawReaderGroup group = new RawReaderGroup(uri(server), PROTOCOL, "k", 5000, Duration.ZERO)) {
            group.start();
            assertThat(group.prime()).as("priming against a refusing server").isFalse(); // connection 0: 401
            ConnectTally tally = new ConnectTally();

            new ConnectionRamp(1000, 2, 5000).run(0, 4, tally, group.attempt(new DeliveryStats(), new CloseTally()));

            assertThat(tally.made()).isZero();
            assertThat(tally.failuresByReason()).isEqualTo(Map.of("http_401", 2L, "http_503", 2L));
            assertThat(group.openCount()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.clientsClosed() == 5);
            assertThat(server.errors()).isEmpty();
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutAtTheAttemptsTimeoutAndIsLeft() throws Exception {
        int timeoutMillis = 300;
        try (StubUpgradeServer server = new StubUpgradeServer((client, n) -> {
            readRequest(client); // and never a word
        }); RawReaderGroup group = new RawReaderGroup(uri(server), PROTOCOL, "k", timeoutMillis, Duration.ZERO)) {
            group.start();
            ConnectTally tally = new ConnectTally();
            long start = System.nanoTime();

            new ConnectionRamp(1000, 2, timeoutMillis).run(0, 2, tally,
                    group.attempt(new DeliveryStats(), new CloseTally()));

            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(tally.failuresByReason()).isEqualTo(Map.of("timeout", 2L));
            // The attempt's own timeout, not the ramp's safety net a second later.
            assertThat(tookMillis).isBetween((long) timeoutMillis, timeoutMillis + 700L);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.clientsClosed() == 2);
            assertThat(group.openCount()).isZero();
        }
    }

    @Test
    void aServerThatHangsUpDuringTheHandshakeFailsTheAttempt() throws Exception {
        try (StubUpgradeServer server = new StubUpgradeServer((client, n) -> {
            readRequest(client);
            write(client, "HTTP/1.1 101 Switching");
            client.close();
        }); RawReaderGroup group = new RawReaderGroup(uri(server), PROTOCOL, "k", 5000, Duration.ZERO)) {
            group.start();
            ConnectTally tally = new ConnectTally();

            new ConnectionRamp(1000, 1, 5000).run(0, 1, tally, group.attempt(new DeliveryStats(), new CloseTally()));

            assertThat(tally.failuresByReason()).isEqualTo(Map.of("IOException", 1L));
        }
    }

    @Test
    void aPortWithoutServerIsRefused() throws Exception {
        URI uri;
        try (ServerSocketChannel gone = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            uri = URI.create("ws://127.0.0.1:" + ((InetSocketAddress) gone.getLocalAddress()).getPort() + "/");
        }
        try (RawReaderGroup group = new RawReaderGroup(uri, PROTOCOL, "k", 5000, Duration.ZERO)) {
            group.start();
            ConnectTally tally = new ConnectTally();

            new ConnectionRamp(1000, 1, 5000).run(0, 2, tally, group.attempt(new DeliveryStats(), new CloseTally()));

            assertThat(tally.failuresByReason()).isEqualTo(Map.of("refused", 2L));
        }
    }

    @Test
    void manyHandshakesInFlightOnOneThreadAllOpen() throws Exception {
        int connections = 300;
        try (StubUpgradeServer server = new StubUpgradeServer((client, n) -> {
            readRequest(client);
            write(client, SWITCHING); // and stay open
        }); RawReaderGroup group = new RawReaderGroup(uri(server), PROTOCOL, "k", 5000, Duration.ZERO)) {
            group.start();
            assertThat(group.prime()).as("priming").isTrue();
            ConnectTally tally = new ConnectTally();

            new ConnectionRamp(10_000, 64, 5000).run(0, connections, tally,
                    group.attempt(new DeliveryStats(), new CloseTally()));

            assertThat(tally.failuresByReason()).isEmpty();
            assertThat(tally.made()).isEqualTo(connections);
            assertThat(group.openCount()).isEqualTo(connections); // the priming connection is not kept
            assertThat(tally.handshakesPerSecond()).isPositive();
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("loadgen-handshake"))
                    .hasSize(1);
            assertThat(server.errors()).isEmpty();
        }
    }

    private static URI uri(StubUpgradeServer server) throws IOException {
        return server.uri();
    }

    private static byte[] status(long seq) {
        return textFrame("{\"type\":\"status\",\"seq\":" + seq + ",\"timestamp\":" + System.currentTimeMillis() + "}");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Reads one masked client text frame of at most 125 bytes and returns its text. */
    private static String readClientText(SocketChannel client) throws IOException {
        ByteBuffer head = readFully(client, 6);
        assertThat(head.get(0) & 0xFF).as("fin + text").isEqualTo(0x81);
        assertThat(head.get(1) & 0x80).as("masked").isEqualTo(0x80);
        int length = head.get(1) & 0x7F;
        ByteBuffer payload = readFully(client, length);
        byte[] text = new byte[length];
        for (int i = 0; i < length; i++) {
            text[i] = (byte) (payload.get(i) ^ head.get(2 + i % 4));
        }
        return new String(text, StandardCharsets.UTF_8);
    }

    private static ByteBuffer readFully(SocketChannel client, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (client.read(buffer) < 0) {
                throw new IOException("the client left");
            }
        }
        return buffer;
    }
}
