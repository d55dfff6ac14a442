package io.hydrogen.ws.benchmark.client;

import io.hydrogen.ws.benchmark.metrics.DeliveryStats;
import io.hydrogen.ws.benchmark.metrics.SeqTracker;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * The reading clients, on raw NIO: handshakes are done by hand, non-blocking, on one selector thread
 * (a {@link HandshakeLoop}), then another selector thread reads every connection and parses the
 * server's frames in place (server frames are not masked, so a frame is a 2-4 byte header and the
 * payload). No per-message object, no UTF-8 decoding: the generator must stay far cheaper per
 * message than the server it measures, on one core. A WebSocket library client costs several times
 * more per message and saturated first.
 *
 * <p>Each reader records into the {@link DeliveryStats} its {@link Reader plan} names, and may send
 * one text message right after the upgrade (a topic {@code subscribe}).
 *
 * <p>With a read interval (see {@link ReadPacing}) the reader thread waits between rounds so that
 * each {@code read()} returns several frames: far less generator CPU per message, at the cost of up
 * to that interval of extra latency. The {@link #reads() tally} shows how many frames a read got.
 */
public final class RawReaderGroup implements AutoCloseable {

    /**
     * What one reader does.
     *
     * @param stats where it records what it receives
     * @param firstMessage a text message it sends right after the upgrade, or {@code null}
     */
    public record Reader(DeliveryStats stats, String firstMessage) {
    }

    /** The largest read interval a group accepts, in milliseconds. */
    public static final int MAX_READ_INTERVAL_MILLIS = ReadPacing.MAX_INTERVAL_MILLIS;

    private static final int OP_TEXT = 0x1;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    /**
     * One read takes at most this much: with a read interval a connection holds a few frames of
     * about 0.5 KiB each when its turn comes, and the whole backlog of a slow round still fits.
     */
    private static final int READ_BUFFER = 512 * 1024;

    /** One connection's parse state; touched only by the selector thread after registration. */
    private static final class Connection {
        final SocketChannel channel;
        final DeliveryStats stats;
        final SeqTracker seqs = new SeqTracker();
        byte[] carry;                      // bytes of a frame split across reads
        volatile boolean open = true;

        Connection(SocketChannel channel, DeliveryStats stats, byte[] leftover) {
            this.channel = channel;
            this.stats = stats;
            this.carry = leftover.length == 0 ? FrameScanner.NOTHING : leftover;
        }
    }

    private final int timeoutMillis;
    private final HandshakeLoop handshakes;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Queue<Connection> toRegister = new ConcurrentLinkedQueue<>();
    private final Selector selector;
    private final Thread loop;
    private final ReadPacing pacing;
    private final ReadTally reads = new ReadTally();
    private final FrameScanner scanner = new FrameScanner(); // the selector thread's
    private volatile CloseTally closes = new CloseTally();
    private volatile boolean running = true;

    /**
     * @param timeoutMillis how long one attempt (the upgrade) may take; how many are in flight at
     *     once is the {@link ConnectionRamp}'s to bound
     * @param readInterval the least time between two select rounds' starts; zero to read as soon as
     *     data arrives (see {@link ReadPacing})
     * @throws IllegalArgumentException if {@code readInterval} is negative or above {@link #MAX_READ_INTERVAL_MILLIS}
     */
    public RawReaderGroup(URI uri, String protocol, String key, int timeoutMillis, Duration readInterval)
            throws IOException {
        this.pacing = new ReadPacing(readInterval);
        this.timeoutMillis = timeoutMillis;
        this.handshakes = new HandshakeLoop(uri, protocol, key, timeoutMillis);
        this.selector = Selector.open();
        this.loop = new Thread(this::run, "loadgen-reader");
        loop.setDaemon(true);
    }

    /** @return how the selector thread has read so far */
    public ReadTally reads() {
        return reads;
    }

    /** Starts the handshake and the reader threads. */
    public void start() {
        handshakes.start();
        loop.start();
    }

    /** @return an attempt that opens one more reader recording into {@code into} and {@code closed} */
    public ConnectionRamp.Attempt attempt(DeliveryStats into, CloseTally closed) {
        Reader reader = new Reader(into, null);
        return attempt(index -> reader, closed);
    }

    /**
     * @param plans what the reader with a given index (0, 1, ... in ramp order) does
     * @return an attempt that opens one more reader as {@code plans} says, recording closes into {@code closed}
     */
    public ConnectionRamp.Attempt attempt(IntFunction<Reader> plans, CloseTally closed) {
        this.closes = closed;
        return index -> {
            Reader plan = plans.apply(index);
            byte[] firstFrame = plan.firstMessage() == null ? null : maskedText(plan.firstMessage());
            return handshakes.upgrade(firstFrame, (channel, leftover) -> adopt(channel, plan.stats(), leftover));
        };
    }

    /** Takes an upgraded channel over: from now on the reader thread reads it. */
    private void adopt(SocketChannel channel, DeliveryStats stats, byte[] leftover) {
        Connection connection = new Connection(channel, stats, leftover);
        connections.add(connection);
        toRegister.add(connection);
        selector.wakeup();
    }

    /** Opens and closes one uncounted connection, to warm both sides up. */
    public boolean prime() {
        try {
            handshakes.upgrade(null, (channel, leftover) -> HandshakeLoop.closeQuietly(channel))
                    .get(timeoutMillis + 1000L, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return connections still open as far as the generator knows */
    public int openCount() {
        int open = 0;
        for (Connection connection : connections) {
            if (connection.open) {
                open++;
            }
        }
        return open;
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER);
        try {
            while (running) {
                for (long wait; running && (wait = pacing.waitNanos(System.nanoTime())) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
                selector.select(100);
                pacing.roundStarted(System.nanoTime()); // from here: waiting in select for data is no part of the interval
                for (Connection c; (c = toRegister.poll()) != null; ) {
                    c.channel.register(selector, SelectionKey.OP_READ, c);
                }
                Set<SelectionKey> ready = selector.selectedKeys();
                if (ready.isEmpty()) {
                    continue;
                }
                long now = System.currentTimeMillis();
                long frames = 0;
                for (SelectionKey selected : ready) {
                    frames += read((Connection) selected.attachment(), buffer, now);
                }
                reads.round(ready.size(), frames);
                ready.clear();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("[loadgen] reader loop failed: " + e);
        }
    }

    /**
     * Reads what {@code c} has, handles its complete frames and keeps the rest for the next read.
     *
     * @return the frames handled
     */
    private int read(Connection c, ByteBuffer buffer, long now) {
        buffer.clear();
        buffer.put(c.carry);
        int n;
        try {
            n = c.channel.read(buffer);
        } catch (IOException e) {
            ended(c, -1);
            return 0;
        }
        if (n < 0) {
            ended(c, -1);
            return 0;
        }
        buffer.flip();
        scanner.start(buffer);
        int frames = 0;
        while (scanner.next()) {
            frames++;
            int payload = scanner.payloadOffset();
            int length = scanner.payloadLength();
            int opcode = scanner.opcode();
            if (opcode == OP_TEXT) {
                int end = buffer.limit();
                buffer.limit(payload + length).position(payload);
                c.stats.onText(buffer, now, c.seqs);
                buffer.limit(end);
            } else if (opcode == OP_CLOSE) {
                int code = length >= 2 ? ((buffer.get(payload) & 0xFF) << 8) | (buffer.get(payload + 1) & 0xFF) : 1005;
                ended(c, code);
                return frames;
            } else if (opcode == OP_PING) {
                pong(c, buffer, payload, length);
            }
        }
        c.carry = scanner.rest();
        if (c.carry.length >= buffer.capacity()) {
            // A frame larger than the buffer can never complete; no server under test sends one.
            System.err.println("[loadgen] a frame larger than " + buffer.capacity() + " bytes; dropping the connection");
            ended(c, -1);
        }
        return frames;
    }

    /**
     * @return a client text frame carrying {@code text}: fin, masked with the all-zero key (valid,
     *     and the payload stays as it is), 7- or 16-bit length
     */
    static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 0xFFFF) {
            throw new IllegalArgumentException("a first message is at most 65535 bytes, was " + payload.length);
        }
        int head = payload.length < 126 ? 2 : 4;
        byte[] frame = new byte[head + 4 + payload.length];
        frame[0] = (byte) 0x81;
        if (head == 2) {
            frame[1] = (byte) (0x80 | payload.length);
        } else {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >> 8);
            frame[3] = (byte) payload.length;
        }
        System.arraycopy(payload, 0, frame, head + 4, payload.length);
        return frame;
    }

    private static void pong(Connection c, ByteBuffer buffer, int payload, int length) {
        byte[] frame = new byte[6 + length];
        frame[0] = (byte) 0x8A;
        frame[1] = (byte) (0x80 | length); // control frames carry at most 125 bytes
        for (int i = 0; i < length; i++) {
            frame[6 + i] = buffer.get(payload + i); // mask key 0: payload unchanged
        }
        try {
            c.channel.write(ByteBuffer.wrap(frame));
        } catch (IOException ignored) {
            // the read side will see the connection end
        }
    }

    private void ended(Connection c, int closeCode) {
        if (!c.open) {
            return;
        }
        c.open = false;
        if (closeCode >= 0) {
            closes.closed(closeCode);
        } else {
            closes.error();
        }
        HandshakeLoop.closeQuietly(c.channel);
    }

    /** Sends every open connection a close frame (1000) and closes the sockets. */
    @Override
    public void close() {
        handshakes.close(); // no more hand-offs from here on
        byte[] close = {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8};
        for (Connection c : connections) {
            if (c.open) {
                c.open = false;
                try {
                    c.channel.write(ByteBuffer.wrap(close));
                    c.channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
        running = false;
        selector.wakeup();
        LockSupport.unpark(loop); // if it waits between rounds
        try {
            loop.join(TimeUnit.SECONDS.toMillis(5));
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
