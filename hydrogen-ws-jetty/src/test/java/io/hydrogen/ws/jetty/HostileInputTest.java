package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hydrogen.ws.HydrogenWebSocketServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad bytes and bad manners at the HTTP and WebSocket level get bounded, documented answers. */
class HostileInputTest {

    @Test
    void invalidUtf8ClosesWith1007() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback());
             Socket socket = RawHttp.openUpgraded(server.port(), "/", "Authorization: Key " + KEY,
                     "Sec-WebSocket-Protocol: hydrogen-protocol")) {
            socket.setSoTimeout(10_000);
            // A masked text frame whose payload is not UTF-8 (0xC3 0x28), mask key 0.
            socket.getOutputStream().write(new byte[] {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, (byte) 0xC3, 0x28});
            assertThat(closeCode(socket.getInputStream())).isEqualTo(1007);
        }
    }

    @Test
    void oversizedHeadersGet431WithTheJsonEnvelope() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback())) {
            RawHttp.Response response = RawHttp.get(server.port(), "/", "X-Junk: " + "j".repeat(20_000));
            assertThat(response.status()).isEqualTo(431);
            assertThat(response.body()).contains("\"code\":\"http_error\"");
        }
    }

    @Test
    void aHandshakeThatNeverFinishesIsDroppedAfterTheHandshakeTimeout() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .binding(b -> b.handshakeTimeout(Duration.ofMillis(500))));
             Socket slowloris = new Socket("127.0.0.1", server.port())) {
            slowloris.setSoTimeout(10_000);
            OutputStream out = slowloris.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            InputStream in = slowloris.getInputStream();
            byte[] rest = in.readAllBytes(); // returns when the server closes the connection
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
            assertThat(new String(rest, StandardCharsets.US_ASCII)).doesNotContain("Jetty");
        }
    }

    @Test
    void aMessageFloodIsRateLimitedWithADocumentedError() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .limits(l -> l.maxMessagesPerSecond(10)));
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            client.next("status");
            for (int i = 0; i < 100; i++) {
                client.socket.sendText("{\"type\":\"ping\",\"id\":" + i + "}", true).join();
            }
            int pongs = 0;
            int rateLimited = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < deadline) {
                String raw = client.messages.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (raw == null) {
                    continue;
                }
                if (raw.contains("\"pong\"")) {
                    pongs++;
                } else if (raw.contains("\"rate_limited\"")) {
                    rateLimited++;
                }
            }
            assertThat(pongs).isBetween(10, 30); // the burst, plus what refills while the flood arrives
            assertThat(rateLimited).isBetween(1, 3); // one error per second, not one per dropped message
            assertThat(server.context().totalRequests()).isEqualTo(100);
            await().atMost(Duration.ofSeconds(3)).until(() -> {
                client.send("{\"type\":\"ping\",\"id\":\"later\"}");
                String raw = client.messages.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
                return raw != null && raw.contains("later");
            });
        }
    }

    @Test
    void binaryFloodsAreRateLimitedToo() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .limits(l -> l.maxMessagesPerSecond(5)));
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            client.next("status");
            for (int i = 0; i < 60; i++) {
                client.socket.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1}), true).join();
            }
            int invalid = 0;
            int rateLimited = 0;
            for (String raw; (raw = client.messages.poll(1, java.util.concurrent.TimeUnit.SECONDS)) != null; ) {
                invalid += raw.contains("invalid_message") ? 1 : 0;
                rateLimited += raw.contains("rate_limited") ? 1 : 0;
            }
            assertThat(invalid).isBetween(5, 15); // the burst and the refill, not one answer per frame
            assertThat(rateLimited).isPositive();
        }
    }

    /** Reads frames until a close frame and returns its code. */
    private static int closeCode(InputStream in) throws Exception {
        while (true) {
            int b0 = in.read();
            int length = in.read() & 0x7F;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            }
            byte[] payload = in.readNBytes(length);
            if ((b0 & 0x0F) == 0x8) {
                return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
            }
        }
    }
}
