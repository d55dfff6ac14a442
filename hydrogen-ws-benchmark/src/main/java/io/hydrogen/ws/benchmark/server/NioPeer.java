package io.hydrogen.ws.benchmark.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The plain-JDK peer of the Hydrogen server for the load scenarios (docs/performance.md, "Peers"):
 * what a Java server costs per delivery with nothing but the JDK's NIO between it and the socket,
 * so that the difference between Hydrogen and libwebsockets splits into what Hydrogen (with Jetty)
 * adds and what the JVM and its {@code SocketChannel} cost. Like {@code hydrogen-lws.c} it speaks
 * just enough of docs/protocol.md for the load generator: subprotocol {@code hydrogen-protocol},
 * {@code Authorization: Key <key>} (401 otherwise), a greeting and a status message of the same
 * shape pushed to every client each interval.
 *
 * <p>One thread, as libwebsockets and Node: a selector loop that also runs the ticks. Each tick
 * encodes the message and its frame once into a direct buffer, and writes it to every connection
 * with one {@code SocketChannel.write} of a duplicate. A client whose socket did not take the whole
 * frame skips ticks until the rest is written (conflation, like ours). Client frames are read and
 * ignored, but for a close frame, which closes the connection. Not a server for anything else.
 *
 * <p>{@code java -cp benchmarks.jar io.hydrogen.ws.benchmark.server.NioPeer PORT INTERVAL_MS KEY}
 * (port 0: the kernel picks one; printed as {@code ws://127.0.0.1:PORT/}); SIGTERM stops it.
 *
 * <p>An experiment, off by default: {@code -Dnio.touchLines=N} gives every connection N cache
 * lines of its own that each delivery writes to, as a server with more per-connection state than
 * this one touches more memory per delivery (docs/performance.md, "What a delivery's footprint
 * costs the kernel").
 */
public final class NioPeer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_REQUEST = 8192;
    private static final int OPCODE_CLOSE = 0x8;

    private final Selector selector;
    private final ServerSocketChannel server;
    private final long intervalNanos;
    private final String expectedAuth;
    private final String startTime = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    private final String systemJson;
    private final List<Client> open = new ArrayList<>();
    private final ByteBuffer input = ByteBuffer.allocateDirect(4096);
    private final MessageDigest sha1;
    private volatile boolean stopping;
    private long seq;
    private long total;

    /** Cache lines of per-connection state each delivery writes to (the experiment above): 0 by default. */
    private static final int TOUCH_LINES = Integer.getInteger("nio.touchLines", 0);

    /** One connection: its request while it handshakes, the unwritten rest of a frame after. */
    private static final class Client {
        final SocketChannel channel;
        final SelectionKey key;
        ByteBuffer request = ByteBuffer.allocate(1024);
        ByteBuffer rest;
        int index = -1; // in open, once upgraded
        // Eight longs to a 64-byte line; none without the experiment, so that the floor reads nothing more.
        final long[] touched = TOUCH_LINES > 0 ? new long[8 * TOUCH_LINES] : null;

        Client(SocketChannel channel, SelectionKey key) {
            this.channel = channel;
            this.key = key;
        }
    }

    /**
     * Listens on 127.0.0.1.
     *
     * @param port 0 to let the kernel pick one
     */
    public NioPeer(int port, long intervalMillis, String key) throws IOException {
        if (intervalMillis < 1 || key.isEmpty()) {
            throw new IllegalArgumentException("interval must be at least 1 ms and the key not empty");
        }
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.expectedAuth = "Key " + key;
        this.systemJson = String.format(Locale.ROOT,
                "{\"sysname\":\"%s\",\"nodename\":\"%s\",\"release\":\"%s\",\"version\":\"%s\",\"machine\":\"%s\"}",
                System.getProperty("os.name"), "localhost", System.getProperty("os.version"),
                System.getProperty("java.version"), System.getProperty("os.arch"));
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /** @return the port it listens on */
    public int port() {
        return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
    }

    /** Runs the loop until {@link #close()} is called from another thread. */
    public void run() throws IOException {
        long nextTick = System.nanoTime() + intervalNanos;
        while (!stopping) {
            long wait = nextTick - System.nanoTime();
            if (wait <= 0) {
                if (-wait <= intervalNanos) { // more than an interval late: skipped, as Hydrogen's ticks
                    tick();
                }
                nextTick += intervalNanos; // fixed rate, as the other peers
                selector.selectNow(); // handshakes and reads go on between ticks that run late
            } else {
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
            }
            for (SelectionKey key : selector.selectedKeys()) {
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    accept();
                    continue;
                }
                Client client = (Client) key.attachment();
                try {
                    if (key.isWritable()) {
                        writeRest(client);
                    }
                    if (key.isValid() && key.isReadable()) {
                        read(client);
                    }
                } catch (IOException e) {
                    drop(client);
                }
            }
            selector.selectedKeys().clear();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }

    /** Stops the loop (from any thread). */
    @Override
    public void close() {
        stopping = true;
        selector.wakeup();
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // as Jetty's connector
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            key.attach(new Client(channel, key));
        }
    }

    private void read(Client client) throws IOException {
        if (client.request != null) {
            readRequest(client);
            return;
        }
        input.clear();
        int read = client.channel.read(input);
        if (read < 0 || (read > 0 && (input.get(0) & 0x0F) == OPCODE_CLOSE)) {
            drop(client); // a close frame, read at the start of a read: the generator's closes come alone
        }
    }

    private void readRequest(Client client) throws IOException {
        if (client.channel.read(client.request) < 0) {
            drop(client);
            return;
        }
        String request = new String(client.request.array(), 0, client.request.position(), StandardCharsets.ISO_8859_1);
        if (!request.contains("\r\n\r\n")) {
            if (!client.request.hasRemaining()) {
                if (client.request.capacity() >= MAX_REQUEST) {
                    drop(client);
                    return;
                }
                client.request = ByteBuffer.allocate(client.request.capacity() * 2).put(client.request.flip());
            }
            return;
        }
        client.request = null;
        Map<String, String> headers = headers(request);
        String wsKey = headers.get("sec-websocket-key");
        String protocols = headers.get("sec-websocket-protocol");
        if (!expectedAuth.equals(headers.get("authorization"))) {
            answerAndDrop(client, "401 Unauthorized\r\nWWW-Authenticate: Key realm=\"hydrogen\"");
        } else if (wsKey == null || protocols == null
                || !List.of(protocols.split("\\s*,\\s*")).contains("hydrogen-protocol")) {
            answerAndDrop(client, "400 Bad Request");
        } else {
            String accept = Base64.getEncoder().encodeToString(
                    sha1.digest((wsKey + GUID).getBytes(StandardCharsets.ISO_8859_1)));
            writeFully(client, ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\nSec-WebSocket-Protocol: hydrogen-protocol\r\n\r\n"));
            total++;
            client.index = open.size();
            open.add(client);
            writeFully(client, frame(status())); // the greeting, like Hydrogen's
        }
    }

    /** Writes a small message that a fresh socket takes whole. */
    private static void writeFully(Client client, ByteBuffer bytes) throws IOException {
        client.channel.write(bytes);
        if (bytes.hasRemaining()) {
            throw new IOException("a fresh socket did not take " + bytes.remaining() + " bytes");
        }
    }

    private void answerAndDrop(Client client, String status) throws IOException {
        client.channel.write(ascii("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        drop(client);
    }

    /** @return the request's header fields by lower-case name, read in one pass (the first of a repeated name) */
    private static Map<String, String> headers(String request) {
        Map<String, String> headers = new HashMap<>();
        for (String line : request.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private void tick() {
        seq++;
        ByteBuffer frame = frame(status());
        for (int i = 0; i < open.size(); i++) {
            Client client = open.get(i);
            if (client.rest != null) {
                continue; // still writing an older tick
            }
            if (TOUCH_LINES > 0) { // a constant: without the experiment the JIT drops the loop
                for (int word = 0; word < client.touched.length; word += 8) {
                    client.touched[word]++; // one write per line
                }
            }
            ByteBuffer bytes = frame.duplicate();
            try {
                client.channel.write(bytes);
                if (bytes.hasRemaining()) {
                    client.rest = bytes;
                    client.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
            } catch (IOException e) {
                drop(client);
                i--; // drop moved the last client here
            }
        }
    }

    private void writeRest(Client client) throws IOException {
        client.channel.write(client.rest);
        if (!client.rest.hasRemaining()) {
            client.rest = null;
            client.key.interestOps(SelectionKey.OP_READ);
        }
    }

    private void drop(Client client) {
        if (client.index >= 0) {
            Client last = open.remove(open.size() - 1);
            if (last != client) {
                open.set(client.index, last);
                last.index = client.index;
            }
            client.index = -1;
        }
        client.key.cancel();
        try {
            client.channel.close();
        } catch (IOException e) {
            // gone already
        }
    }

    /** @return the status message as of now, the same shape as the other peers' */
    private String status() {
        long pagesTotal = 0;
        long pagesResident = 0;
        try {
            String[] statm = Files.readString(Path.of("/proc/self/statm")).trim().split(" ");
            pagesTotal = Long.parseLong(statm[0]);
            pagesResident = Long.parseLong(statm[1]);
        } catch (IOException | RuntimeException e) {
            // not Linux: zeros, as the C peer
        }
        return String.format(Locale.ROOT,
                "{\"type\":\"status\",\"seq\":%d,\"timestamp\":%d,\"server_start_time\":\"%s\","
                + "\"active_connections\":%d,\"total_connections\":%d,\"total_requests\":0,\"system\":%s,"
                + "\"status\":{\"running\":true,\"shutting_down\":false,\"totalThreads\":1,"
                + "\"totalVirtualMemoryBytes\":%d,\"totalResidentMemoryBytes\":%d}}",
                seq, System.currentTimeMillis(), startTime, open.size(), total, systemJson, pagesTotal * 4096,
                pagesResident * 4096);
    }

    /** @return the unmasked final text frame of {@code text} in a direct buffer (payloads under 64 KiB) */
    static ByteBuffer frame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocateDirect(4 + payload.length).put((byte) 0x81);
        if (payload.length < 126) {
            frame.put((byte) payload.length);
        } else {
            frame.put((byte) 126).putShort((short) payload.length);
        }
        return frame.put(payload).flip();
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** {@code NioPeer PORT INTERVAL_MS KEY}: runs until SIGTERM or SIGINT. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: NioPeer PORT INTERVAL_MS KEY   (PORT 0..65535, 0 = any; INTERVAL_MS >= 1)");
            System.exit(2);
        }
        NioPeer peer = new NioPeer(Integer.parseInt(args[0]), Long.parseLong(args[1]), args[2]);
        Thread loop = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            peer.close();
            try {
                loop.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println("nio-peer: stopped");
            System.out.flush();
            Runtime.getRuntime().halt(0); // a clean stop on SIGTERM exits with 0, as the other peers (not 143)
        }));
        System.out.printf("nio-peer (Java %s): status every %s ms on ws://127.0.0.1:%d/%n",
                System.getProperty("java.version"), args[1], peer.port());
        System.out.flush();
        peer.run();
    }
}
