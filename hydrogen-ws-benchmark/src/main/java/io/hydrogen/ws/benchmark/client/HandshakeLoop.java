package io.hydrogen.ws.benchmark.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket upgrades on non-blocking channels, every one of them driven by one selector thread:
 * connect, write the upgrade request, read the response head and check its status, write an
 * optional first frame, then hand the channel over (still non-blocking, no longer registered here)
 * with the bytes that came after the head.
 *
 * <p>One thread, not one per handshake in flight: a pool of up to 128 blocking handshake threads
 * used the whole core the generator is pinned to during scenario H's ramp, so the generator rather
 * than the server limited handshakes per second.
 *
 * <p>Each upgrade has its own timeout, counted from when this thread starts it; on timeout its
 * future fails with a {@link SocketTimeoutException}, a refused connect with a
 * {@link java.net.ConnectException}, an answer other than 101 with a {@link HandshakeStatusException}.
 * A failed or abandoned upgrade's channel is closed.
 */
final class HandshakeLoop implements AutoCloseable {

    /** Takes over an upgraded channel. Runs on the loop thread, so it must be quick. */
    @FunctionalInterface
    interface HandOff {
        /**
         * @param channel the upgraded connection, non-blocking
         * @param leftover the bytes read past the response head (the start of the WebSocket stream), maybe none
         */
        void accept(SocketChannel channel, byte[] leftover);
    }

    /** The longest response head accepted, in bytes. */
    static final int MAX_HEAD = 16 * 1024;

    /** Every client sends the same key: the generator does not check Sec-WebSocket-Accept. */
    private static final String NONCE = "dGhlIHNhbXBsZSBub25jZQ==";

    private enum Phase { CONNECTING, REQUEST, HEAD, FIRST_FRAME }

    /** One upgrade; its fields other than {@link #outcome} are the loop thread's. */
    private static final class Upgrade {
        final CompletableFuture<Void> outcome = new CompletableFuture<>();
        final byte[] firstFrame;
        final HandOff handOff;
        Phase phase = Phase.CONNECTING;
        long deadlineNanos;
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer out;                    // what is being written: the request, then the first frame
        byte[] head = new byte[0];         // the response so far, while its head is incomplete
        byte[] leftover;
        boolean finished;

        Upgrade(byte[] firstFrame, HandOff handOff) {
            this.firstFrame = firstFrame;
            this.handOff = handOff;
        }
    }

    private final InetSocketAddress address;
    private final byte[] request;
    private final long timeoutNanos;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Upgrade> incoming = new ConcurrentLinkedQueue<>();
    /** Started upgrades in start order, so in deadline order; finished ones leave when they reach the head. */
    private final ArrayDeque<Upgrade> byDeadline = new ArrayDeque<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(MAX_HEAD); // the loop thread's
    private volatile boolean running = true;

    /**
     * @param timeoutMillis how long one upgrade may take
     */
    HandshakeLoop(URI uri, String protocol, String key, int timeoutMillis) throws IOException {
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.request = NonReaderClient.upgradeRequest(uri, protocol, key, NONCE).getBytes(StandardCharsets.US_ASCII);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.selector = Selector.open();
        this.thread = new Thread(this::run, "loadgen-handshake");
        thread.setDaemon(true);
    }

    /** Starts the loop thread; upgrades asked for before wait until then. */
    void start() {
        thread.start();
    }

    /**
     * Starts one upgrade.
     *
     * @param firstFrame bytes to write right after the 101 (a complete client frame), or {@code null}
     * @param handOff what takes the channel over once it is upgraded (and {@code firstFrame} written)
     * @return completes after {@code handOff} has the channel; fails as the class description says.
     *     Completing it from outside (a caller's own timeout) abandons the upgrade.
     */
    CompletableFuture<Void> upgrade(byte[] firstFrame, HandOff handOff) {
        Upgrade upgrade = new Upgrade(firstFrame, handOff);
        if (!running) {
            upgrade.outcome.completeExceptionally(new IOException("the handshake loop is closed"));
            return upgrade.outcome;
        }
        incoming.add(upgrade);
        selector.wakeup();
        return upgrade.outcome;
    }

    private void run() {
        try {
            while (running) {
                selector.select(this::ready, selectTimeoutMillis());
                if (!running) {
                    break; // closing: start nothing more
                }
                for (Upgrade upgrade; (upgrade = incoming.poll()) != null; ) {
                    start(upgrade);
                }
                expire(System.nanoTime());
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("[loadgen] handshake loop failed: " + e);
        } finally {
            running = false;
            failPendingAndCloseSelector();
        }
    }

    /** Fails every upgrade not finished yet and closes the selector; the loop thread is done or never ran. */
    private void failPendingAndCloseSelector() {
        IOException closed = new IOException("the handshake loop is closed");
        for (Upgrade upgrade; (upgrade = byDeadline.poll()) != null || (upgrade = incoming.poll()) != null; ) {
            if (!upgrade.finished) {
                fail(upgrade, closed);
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** @return how long select may block: until the oldest upgrade's deadline, or indefinitely (0) */
    private long selectTimeoutMillis() {
        Upgrade oldest = byDeadline.peek();
        if (oldest == null) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(oldest.deadlineNanos - System.nanoTime()) + 1);
    }

    private void start(Upgrade upgrade) {
        upgrade.deadlineNanos = System.nanoTime() + timeoutNanos;
        byDeadline.add(upgrade);
        try {
            SocketChannel channel = SocketChannel.open();
            upgrade.channel = channel;
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(address);
            upgrade.key = channel.register(selector, connected ? 0 : SelectionKey.OP_CONNECT, upgrade);
            if (connected) {
                writeRequest(upgrade);
            }
        } catch (IOException | RuntimeException e) {
            fail(upgrade, e);
        }
    }

    /** Fails the upgrades whose deadline has passed; drops finished and abandoned ones from the queue. */
    private void expire(long now) {
        for (Upgrade oldest; (oldest = byDeadline.peek()) != null; ) {
            if (!oldest.finished && !oldest.outcome.isDone() && now - oldest.deadlineNanos < 0) {
                return;
            }
            byDeadline.poll();
            if (!oldest.finished) {
                fail(oldest, new SocketTimeoutException(
                        "no upgrade within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
            }
        }
    }

    private void ready(SelectionKey key) {
        Upgrade upgrade = (Upgrade) key.attachment();
        if (upgrade.finished) {
            return;
        }
        try {
            if (upgrade.outcome.isDone()) { // abandoned by the caller
                fail(upgrade, null);
                return;
            }
            switch (upgrade.phase) {
                case CONNECTING -> {
                    if (upgrade.channel.finishConnect()) {
                        writeRequest(upgrade);
                    }
                }
                case REQUEST, FIRST_FRAME -> write(upgrade);
                case HEAD -> readHead(upgrade);
                default -> throw new IllegalStateException("unknown phase " + upgrade.phase);
            }
        } catch (IOException | RuntimeException e) {
            fail(upgrade, e);
        }
    }

    private void writeRequest(Upgrade upgrade) throws IOException {
        upgrade.phase = Phase.REQUEST;
        upgrade.out = ByteBuffer.wrap(request);
        write(upgrade);
    }

    /** Writes what is left of the current output; once all is written, moves on to the next phase. */
    private void write(Upgrade upgrade) throws IOException {
        upgrade.channel.write(upgrade.out);
        if (upgrade.out.hasRemaining()) {
            upgrade.key.interestOps(SelectionKey.OP_WRITE);
        } else if (upgrade.phase == Phase.REQUEST) {
            upgrade.phase = Phase.HEAD;
            upgrade.out = null;
            upgrade.key.interestOps(SelectionKey.OP_READ);
        } else {
            succeed(upgrade);
        }
    }

    private void readHead(Upgrade upgrade) throws IOException {
        ByteBuffer in = scratch;
        in.clear();
        in.put(upgrade.head);
        if (upgrade.channel.read(in) < 0) {
            throw new IOException("connection closed during the handshake");
        }
        byte[] bytes = in.array();
        int end = headEnd(bytes, Math.max(0, upgrade.head.length - 3), in.position());
        if (end < 0) {
            if (!in.hasRemaining()) {
                throw new IOException("response head larger than " + MAX_HEAD + " bytes");
            }
            upgrade.head = Arrays.copyOf(bytes, in.position()); // rare: the head came in pieces
            return;
        }
        String statusLine = statusLine(bytes, end);
        int status = NonReaderClient.statusCode(statusLine);
        if (status != 101) {
            throw new HandshakeStatusException(status, statusLine);
        }
        upgrade.head = null;
        upgrade.leftover = Arrays.copyOfRange(bytes, end + 4, in.position());
        if (upgrade.firstFrame == null) {
            succeed(upgrade);
        } else {
            upgrade.phase = Phase.FIRST_FRAME;
            upgrade.out = ByteBuffer.wrap(upgrade.firstFrame);
            write(upgrade);
        }
    }

    /** @return the index of the {@code \r\n\r\n} that ends the head, searched from {@code from}, or -1 */
    private static int headEnd(byte[] a, int from, int length) {
        for (int i = from + 3; i < length; i++) {
            if (a[i - 3] == '\r' && a[i - 2] == '\n' && a[i - 1] == '\r' && a[i] == '\n') {
                return i - 3;
            }
        }
        return -1;
    }

    /** @return the first line of the head that ends at {@code headEnd} */
    private static String statusLine(byte[] a, int headEnd) {
        int eol = 0;
        while (eol < headEnd && !(a[eol] == '\r' && a[eol + 1] == '\n')) {
            eol++;
        }
        return new String(a, 0, eol, StandardCharsets.US_ASCII);
    }

    private void succeed(Upgrade upgrade) {
        upgrade.finished = true;
        upgrade.key.cancel();
        if (upgrade.outcome.isDone()) { // the caller gave up on it meanwhile
            closeQuietly(upgrade.channel);
            return;
        }
        upgrade.handOff.accept(upgrade.channel, upgrade.leftover);
        upgrade.outcome.complete(null);
    }

    /** Ends an upgrade: closes its channel and fails its future with {@code failure}, unless null. */
    private static void fail(Upgrade upgrade, Exception failure) {
        upgrade.finished = true;
        if (upgrade.key != null) {
            upgrade.key.cancel();
        }
        if (upgrade.channel != null) {
            closeQuietly(upgrade.channel);
        }
        if (failure != null) {
            upgrade.outcome.completeExceptionally(failure);
        }
    }

    /** Closes {@code channel}, ignoring that it may be gone already. */
    static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Stops the loop thread and fails the upgrades still under way. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (thread.isAlive()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (thread.getState() == Thread.State.NEW) {
            failPendingAndCloseSelector();
        }
    }
}
