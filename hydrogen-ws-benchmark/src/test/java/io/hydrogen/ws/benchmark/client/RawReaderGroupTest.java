package io.hydrogen.ws.benchmark.client;

import static io.hydrogen.ws.benchmark.client.StubUpgradeServer.textFrame;
import static io.hydrogen.ws.benchmark.client.StubUpgradeServer.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hydrogen.ws.benchmark.metrics.DeliveryStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reader group against a minimal server on loopback that upgrades one connection and then
 * pushes status frames at a steady rate, some written in two parts, and finally closes with 1000.
 */
class RawReaderGroupTest {

    private static final int FRAMES = 300;

    private ServerSocketChannel listener;

    @BeforeEach
    void listen() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() throws IOException {
        listener.close();
    }

    @Test
    void unpacedItReceivesEveryFrameAndTheClose() throws Exception {
        Result result = run(Duration.ZERO);

        assertThat(result.stats.messages()).isEqualTo(FRAMES);
        assertThat(result.stats.missed()).isZero();
        assertThat(result.stats.unparsable()).isZero();
        assertThat(result.closes.byCode()).isEqualTo(Map.of(1000, 1L));
        assertThat(result.reads.frames()).isEqualTo(FRAMES + 1); // the close frame too
    }

    @Test
    void pacedEachReadTakesTheFramesThatPiledUpMeanwhile() throws Exception {
        // One frame every 0.5 ms and a round at most every 40 ms: up to about 80 frames per read.
        Result result = run(Duration.ofMillis(40));

        assertThat(result.stats.messages()).isEqualTo(FRAMES);
        assertThat(result.stats.missed()).isZero();
        assertThat(result.closes.byCode()).isEqualTo(Map.of(1000, 1L));
        assertThat(result.reads.frames()).isEqualTo(FRAMES + 1);
        assertThat(result.reads.framesPerRead()).as("frames per read").isGreaterThan(5);
        assertThat(result.reads.readsPerRound()).isEqualTo(1.0); // one connection: one read per round
    }

    private record Result(DeliveryStats stats, CloseTally closes, ReadTally.Snapshot reads) {
    }

    private Result run(Duration readInterval) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + ((InetSocketAddress) listener.getLocalAddress()).getPort() + "/");
        CompletableFuture<Void> server = CompletableFuture.runAsync(this::serveOneClient);
        DeliveryStats stats = new DeliveryStats();
        CloseTally closes = new CloseTally();
        try (RawReaderGroup group = new RawReaderGroup(uri, "hydrogen-protocol", "k", 5000, readInterval)) {
            group.start();
            stats.startMeasuring();
            group.attempt(stats, closes).start(0).get(10, TimeUnit.SECONDS);
            server.get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> group.openCount() == 0);
            stats.stopMeasuring();
            return new Result(stats, closes, group.reads().snapshot());
        }
    }

    /** Upgrades one client, sends {@link #FRAMES} status frames (every third in two writes), closes with 1000. */
    private void serveOneClient() {
        try (SocketChannel client = listener.accept()) {
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ByteBuffer request = ByteBuffer.allocate(4096);
            while (!new String(request.array(), 0, request.position(), StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
                if (client.read(request) < 0) {
                    throw new IOException("the client left during the handshake");
                }
            }
            write(client, ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Protocol: hydrogen-protocol\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int seq = 1; seq <= FRAMES; seq++) {
                byte[] frame = textFrame("{\"type\":\"status\",\"seq\":" + seq + ",\"timestamp\":"
                        + System.currentTimeMillis() + ",\"padding\":\"" + "p".repeat(seq % 200) + "\"}");
                if (seq % 3 == 0) {
                    int split = 1 + seq % (frame.length - 1); // somewhere in the header or the payload
                    write(client, java.util.Arrays.copyOfRange(frame, 0, split));
                    write(client, java.util.Arrays.copyOfRange(frame, split, frame.length));
                } else {
                    write(client, frame);
                }
                LockSupport.parkNanos(500_000); // a steady push rate, as a server's ticks
            }
            write(client, new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8});
            // Wait for the client to close its side, so the close frame is not lost to a reset.
            ByteBuffer rest = ByteBuffer.allocate(256);
            while (client.read(rest) >= 0) {
                rest.clear();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
