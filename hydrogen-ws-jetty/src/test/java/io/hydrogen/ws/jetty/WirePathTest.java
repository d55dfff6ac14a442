package io.hydrogen.ws.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hydrogen.ws.HydrogenWebSocketServer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * What goes on the wire, read by a raw client with its own frame reader: pushes written as
 * pre-encoded frames straight to the socket share it with pongs and the close handshake without a
 * byte out of place, and permessage-deflate (Jetty's frame path) still compresses.
 */
class WirePathTest {

    private static final String[] AUTH = {"Sec-WebSocket-Protocol: hydrogen-protocol",
        "Authorization: Key " + ServerFixture.KEY};

    /** One frame as a client reads it. */
    record WireFrame(boolean fin, boolean rsv1, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    @Test
    void pingsAreAnsweredBetweenPushesAtOnceAndInOrder() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e.statusInterval(Duration.ofMillis(1))));
                Socket socket = RawHttp.openUpgraded(server.port(), "/", AUTH)) {
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(readStatus(in).get("type").getAsString()).isEqualTo("status");
            long lastSeq = -1;
            for (int i = 0; i < 50; i++) {
                byte[] ping = ("ping-" + i).getBytes(StandardCharsets.UTF_8);
                socket.getOutputStream().write(clientFrame(0x9, ping));
                WireFrame frame;
                while ((frame = read(in)).opcode() != 0xA) {
                    // Every push in between is a whole, well-formed status with a rising seq.
                    assertThat(frame.opcode()).isEqualTo(0x1);
                    assertThat(frame.fin()).isTrue();
                    long seq = JsonParser.parseString(frame.text()).getAsJsonObject().get("seq").getAsLong();
                    assertThat(seq).isGreaterThanOrEqualTo(lastSeq);
                    lastSeq = seq;
                }
                assertThat(frame.payload()).isEqualTo(ping);
            }
            assertThat(lastSeq).as("pushes flowed during the pings").isPositive();
        }
    }

    @Test
    void anEmptyPingIsAnsweredWithAnEmptyPong() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback());
                Socket socket = RawHttp.openUpgraded(server.port(), "/", AUTH)) {
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            readStatus(in);
            for (byte[] ping : new byte[][] {new byte[0], "still here".getBytes(StandardCharsets.UTF_8)}) {
                socket.getOutputStream().write(clientFrame(0x9, ping));
                WireFrame frame;
                while ((frame = read(in)).opcode() != 0xA) {
                    assertThat(frame.opcode()).as("only pushes before the pong").isEqualTo(0x1);
                }
                assertThat(frame.payload()).isEqualTo(ping);
            }
        }
    }

    @Test
    void everyConnectionIsPingedOncePerIntervalAndTheRoundIsSpreadOverIt() throws Exception {
        int clients = 8; // the 400 ms round has 8 slices of 50 ms; consecutive ids fall in all of them
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .liveness(l -> l.pingInterval(Duration.ofMillis(400)).pongTimeout(Duration.ofSeconds(10))))) {
            List<Socket> sockets = new ArrayList<>();
            ExecutorService readers = Executors.newFixedThreadPool(clients);
            try {
                for (int i = 0; i < clients; i++) {
                    Socket socket = RawHttp.openUpgraded(server.port(), "/", AUTH);
                    socket.setSoTimeout(10_000);
                    sockets.add(socket);
                }
                long connected = System.nanoTime();
                List<Future<Long>> firstPings = new ArrayList<>();
                for (Socket socket : sockets) {
                    firstPings.add(readers.submit(() -> {
                        DataInputStream in = new DataInputStream(socket.getInputStream());
                        while (read(in).opcode() != 0x9) {
                            // pushes before the ping
                        }
                        return System.nanoTime();
                    }));
                }
                List<Long> at = new ArrayList<>();
                for (Future<Long> ping : firstPings) {
                    at.add(ping.get(10, TimeUnit.SECONDS));
                }
                long first = Collections.min(at);
                long last = Collections.max(at);
                assertThat(Duration.ofNanos(last - connected)).as("everyone pinged within a round")
                        .isLessThan(Duration.ofMillis(400 + 1000));
                // In one burst the pings would arrive within a few ms of each other.
                assertThat(Duration.ofNanos(last - first)).as("pings spread over the round")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
            } finally {
                readers.shutdownNow();
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aClientsCloseIsAnsweredWhilePushesFlow() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e.statusInterval(Duration.ofMillis(1))))) {
            for (int round = 0; round < 40; round++) {
                try (Socket socket = RawHttp.openUpgraded(server.port(), "/", AUTH)) {
                    DataInputStream in = greetedAndPushed(socket, round % 5);
                    socket.getOutputStream().write(clientFrame(0x8, new byte[] {0x03, (byte) 0xE8, 'b', 'y', 'e'}));
                    WireFrame frame = firstAfterPushes(in);
                    assertThat(frame.opcode()).as("round %d: the close reply", round).isEqualTo(0x8);
                    assertThat(frame.closeCode()).isEqualTo(1000);
                    assertThat(in.read()).as("nothing after the close reply").isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void nothingFollowsTheCloseFrameJettySendsForAProtocolErrorWhilePushesFlow() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e.statusInterval(Duration.ofMillis(1))))) {
            for (int round = 0; round < 20; round++) {
                try (Socket socket = RawHttp.openUpgraded(server.port(), "/", AUTH)) {
                    DataInputStream in = greetedAndPushed(socket, round % 4);
                    socket.getOutputStream().write(clientFrame(0x3, new byte[] {1})); // a reserved opcode
                    WireFrame frame = firstAfterPushes(in);
                    assertThat(frame.opcode()).as("round %d: Jetty's close", round).isEqualTo(0x8);
                    assertThat(frame.closeCode()).isEqualTo(1002);
                    // Pushes come every millisecond: any frame of ours after the close would show here.
                    socket.setSoTimeout(300);
                    try {
                        assertThat(in.read()).as("round %d: nothing after the close frame", round).isEqualTo(-1);
                    } catch (SocketTimeoutException nothingCame) {
                        // what RFC 6455 asks: no data frame after a close frame
                    }
                }
            }
        }
    }

    @Test
    void theCloseFrameForAProtocolErrorWaitsForAWriteTheSocketHasNotTakenYet() throws Exception {
        String bulk = "x".repeat(60_000);
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e.statusInterval(Duration.ZERO))
                .queues(q -> q.maxQueuedMessages(1000).maxQueuedBytes(64L << 20)
                        .maxQueueDelay(Duration.ofSeconds(30))));
                Socket socket = RawHttp.openUpgraded(server.port(), "/", AUTH)) {
            DataInputStream in = greetedAndPushed(socket, 0);
            for (int i = 0; i < 200; i++) { // 12 MB the client does not read yet: the socket fills, a write waits
                server.broadcast("bulk", bulk);
            }
            Thread.sleep(300);
            socket.getOutputStream().write(clientFrame(0x3, new byte[] {1})); // a reserved opcode
            Thread.sleep(300);
            int whole = 0;
            WireFrame frame;
            while ((frame = read(in)).opcode() == 0x1) { // the frames before the close, each whole
                assertThat(JsonParser.parseString(frame.text()).getAsJsonObject().get("type").getAsString())
                        .isEqualTo("bulk");
                whole++;
            }
            assertThat(whole).as("the broadcasts on the wire before the close").isPositive();
            assertThat(frame.opcode()).isEqualTo(0x8);
            assertThat(frame.closeCode()).isEqualTo(1002);
            assertThat(in.read()).as("nothing after the close frame").isEqualTo(-1);
        }
    }

    @Test
    void theHandshakeIsAnsweredAsRfc6455SaysAndOffersOfExtensionsAreDeclined() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback())) {
            RawHttp.Response response = RawHttp.upgrade(server.port(), "/", AUTH[0], AUTH[1],
                    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");
            assertThat(response.status()).isEqualTo(101);
            // The example key of RFC 6455 section 1.3, and its answer.
            assertThat(response.headers()).containsEntry("sec-websocket-accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
                    .containsEntry("sec-websocket-protocol", "hydrogen-protocol")
                    .doesNotContainKey("sec-websocket-extensions");
            assertThat(response.headers().get("upgrade")).isEqualToIgnoringCase("websocket");
            assertThat(response.headers().get("connection")).isEqualToIgnoringCase("upgrade");
        }
    }

    @Test
    void framesWrittenWithTheUpgradeRequestAreRead() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback());
                Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            // A client may send its first frames in the same write as its request, before the 101.
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + AUTH[0] + "\r\n"
                    + AUTH[1] + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(clientFrame(0x9, "early".getBytes(StandardCharsets.UTF_8)));
            out.writeBytes(RawHttp.maskedTextFrame("{\"type\":\"ping\",\"id\":1}"));
            socket.getOutputStream().write(out.toByteArray());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(readHead(in)).startsWith("HTTP/1.1 101");
            assertThat(nextPongs(in)).containsExactly("control pong early", "message pong 1");
        }
    }

    @Test
    void aFragmentedMessageWrittenByteByByteWithAPingBetweenIsRead() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback());
                Socket socket = RawHttp.openUpgraded(server.port(), "/", AUTH)) {
            socket.setTcpNoDelay(true);
            DataInputStream in = greetedAndPushed(socket, 0);
            byte[] message = "{\"type\":\"ping\",\"id\":7}".getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(clientFrame(0x1, false, Arrays.copyOfRange(message, 0, 5)));
            out.writeBytes(clientFrame(0x9, true, "between".getBytes(StandardCharsets.UTF_8)));
            out.writeBytes(clientFrame(0x0, false, Arrays.copyOfRange(message, 5, 12)));
            out.writeBytes(clientFrame(0x0, true, Arrays.copyOfRange(message, 12, message.length)));
            for (byte b : out.toByteArray()) { // every header and payload split between reads
                socket.getOutputStream().write(b);
                socket.getOutputStream().flush();
            }
            assertThat(nextPongs(in)).containsExactly("control pong between", "message pong 7");
        }
    }

    @Test
    void aClientsCloseIsEchoedWithItsCodeAndReasonOrWithNoneIfItHadNone() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback())) {
            for (byte[] close : new byte[][] {{0x0F, (byte) 0xA1, 'd', 'o', 'n', 'e'}, {}}) {
                try (Socket socket = RawHttp.openUpgraded(server.port(), "/", AUTH)) {
                    DataInputStream in = greetedAndPushed(socket, 0);
                    socket.getOutputStream().write(clientFrame(0x8, close));
                    WireFrame frame = firstAfterPushes(in);
                    assertThat(frame.opcode()).isEqualTo(0x8);
                    assertThat(frame.payload()).as("the client's status, echoed").isEqualTo(close);
                    assertThat(in.read()).as("the server closes the connection").isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void aServersCloseWithAnErrorCodeEndsTheConnectionWithoutWaitingForTheClientsAnswer() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback());
                Socket socket = RawHttp.openUpgraded(server.port(), "/", AUTH[0])) {
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            socket.getOutputStream().write(RawHttp.maskedTextFrame("{\"type\":\"auth\",\"key\":\"wrong-wrong-wrong\"}"));
            WireFrame error = read(in);
            assertThat(JsonParser.parseString(error.text()).getAsJsonObject().getAsJsonObject("error").get("code")
                    .getAsString()).isEqualTo("auth_failed");
            WireFrame close = read(in);
            assertThat(close.opcode()).isEqualTo(0x8);
            assertThat(close.closeCode()).isEqualTo(1008);
            // Well before the queue's abort timer (2 s), which ends a client that never answers an ordinary close.
            socket.setSoTimeout(1_000);
            assertThat(in.read()).as("closed by the server, though the client did not answer").isEqualTo(-1);
        }
    }

    @Test
    void anIdleConnectionIsClosedWith1001() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e.statusInterval(Duration.ZERO))
                .liveness(l -> l.pingInterval(Duration.ZERO).idleTimeout(Duration.ofMillis(300))));
                Socket socket = RawHttp.openUpgraded(server.port(), "/", AUTH)) {
            DataInputStream in = greetedAndPushed(socket, 0);
            WireFrame frame = read(in);
            assertThat(frame.opcode()).isEqualTo(0x8);
            assertThat(frame.closeCode()).isEqualTo(1001);
            assertThat(new String(frame.payload(), 2, frame.payload().length - 2, StandardCharsets.UTF_8))
                    .isEqualTo("Connection Idle Timeout");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void pushesCountAsActivityForTheIdleTimeout() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e.statusInterval(Duration.ofMillis(50)))
                .liveness(l -> l.pingInterval(Duration.ZERO).idleTimeout(Duration.ofMillis(300))));
                Socket socket = RawHttp.openUpgraded(server.port(), "/", AUTH)) {
            DataInputStream in = greetedAndPushed(socket, 0);
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500); // five idle timeouts
            while (System.nanoTime() < end) { // the client never writes: only the pushes keep it open
                WireFrame frame = read(in);
                assertThat(frame.opcode()).as("a push, not a close (%s)", frame.text()).isEqualTo(0x1);
            }
        }
    }

    @Test
    void permessageDeflateStillCompressesWhenEnabled() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e.permessageDeflate(true).statusInterval(Duration.ofMillis(5))));
                Socket socket = RawHttp.openUpgraded(server.port(), "/", AUTH[0], AUTH[1],
                        "Sec-WebSocket-Extensions: permessage-deflate")) {
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            Inflater inflater = new Inflater(true);
            for (int i = 0; i < 5; i++) {
                WireFrame frame = read(in);
                assertThat(frame.opcode()).isEqualTo(0x1);
                assertThat(frame.rsv1()).as("a compressed message").isTrue();
                JsonObject status = JsonParser.parseString(inflate(inflater, frame.payload())).getAsJsonObject();
                assertThat(status.get("type").getAsString()).isEqualTo("status");
            }
        }
    }

    /** @return the socket's input, past the greeting and {@code pushes} more status pushes */
    private static DataInputStream greetedAndPushed(Socket socket, int pushes) throws IOException {
        socket.setSoTimeout(10_000);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        readStatus(in);
        for (int i = 0; i < pushes; i++) {
            assertThat(read(in).opcode()).isEqualTo(0x1);
        }
        return in;
    }

    /** @return the first frame that is not a status push; the pushes before it must be whole */
    private static WireFrame firstAfterPushes(DataInputStream in) throws IOException {
        WireFrame frame;
        while ((frame = read(in)).opcode() == 0x1) {
            JsonParser.parseString(frame.text());
        }
        return frame;
    }

    /**
     * @return the next two answers to pings, past status pushes: a pong frame ("control pong"
     *     and its payload) or a pong message ("message pong" and its id), in the order they came
     */
    private static List<String> nextPongs(DataInputStream in) throws IOException {
        List<String> pongs = new ArrayList<>();
        while (pongs.size() < 2) {
            WireFrame frame = read(in);
            if (frame.opcode() == 0xA) {
                pongs.add("control pong " + frame.text());
            } else if (frame.opcode() == 0x1) {
                JsonObject message = JsonParser.parseString(frame.text()).getAsJsonObject();
                if (message.get("type").getAsString().equals("pong")) {
                    pongs.add("message pong " + message.get("id").getAsString());
                }
            } else {
                throw new AssertionError("unexpected frame " + frame.opcode());
            }
        }
        return pongs;
    }

    /** @return the HTTP response head, read up to its blank line */
    private static String readHead(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }

    private static JsonObject readStatus(DataInputStream in) throws IOException {
        WireFrame frame = read(in);
        assertThat(frame.opcode()).isEqualTo(0x1);
        return JsonParser.parseString(frame.text()).getAsJsonObject();
    }

    /** Reads one server frame (RFC 6455 section 5.2; a server's frames are not masked). */
    private static WireFrame read(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException("connection closed before a frame");
        }
        int second = in.readUnsignedByte();
        assertThat(second & 0x80).as("server frames are not masked").isZero();
        assertThat(first & 0x30).as("RSV2 and RSV3 are not used").isZero();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        assertThat(length).isLessThan(1 << 20);
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new WireFrame((first & 0x80) != 0, (first & 0x40) != 0, first & 0x0F, payload);
    }

    /** @return a final, masked client frame with a payload of at most 125 bytes */
    private static byte[] clientFrame(int opcode, byte[] payload) {
        return clientFrame(opcode, true, payload);
    }

    /** @return a masked client frame with a payload of at most 125 bytes */
    private static byte[] clientFrame(int opcode, boolean fin, byte[] payload) {
        byte[] mask = {0x5A, 0x13, (byte) 0xC4, 0x7E};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        frame.write(0x80 | payload.length);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    /** RFC 7692: a message is a raw deflate stream without its final empty block's tail. */
    private static String inflate(Inflater inflater, byte[] compressed) throws DataFormatException {
        byte[] input = new byte[compressed.length + 4];
        System.arraycopy(compressed, 0, input, 0, compressed.length);
        input[compressed.length + 2] = (byte) 0xFF;
        input[compressed.length + 3] = (byte) 0xFF;
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = inflater.inflate(buffer)) > 0) {
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
