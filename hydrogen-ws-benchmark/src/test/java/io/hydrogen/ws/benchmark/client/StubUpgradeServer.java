package io.hydrogen.ws.benchmark.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server for handshake tests that answers each connection as its {@link Handler} says,
 * each on a pooled thread (blocking I/O); then, unless the handler closed it, reads and drops what
 * comes until the client closes its side, and counts that.
 */
final class StubUpgradeServer implements AutoCloseable {

    /** Serves one accepted connection; {@code n} counts connections from 0 in accept order. */
    @FunctionalInterface
    interface Handler {
        void serve(SocketChannel client, int n) throws Exception;
    }

    static final String SWITCHING = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: hydrogen-protocol\r\n\r\n";

    private final ServerSocketChannel listener;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "stub-upgrade-server");
        thread.setDaemon(true);
        return thread;
    });
    private final List<SocketChannel> accepted = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger clientsClosed = new AtomicInteger();

    StubUpgradeServer(Handler handler) throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 1024);
        pool.execute(() -> {
            int n = 0;
            while (listener.isOpen()) {
                try {
                    SocketChannel client = listener.accept();
                    client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    accepted.add(client);
                    int index = n++;
                    pool.execute(() -> {
                        try {
                            handler.serve(client, index);
                            if (client.isOpen()) {
                                awaitClientClose(client);
                            }
                        } catch (Exception e) {
                            if (listener.isOpen()) {
                                errors.add(e);
                            }
                        }
                    });
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    URI uri() throws IOException {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) listener.getLocalAddress()).getPort() + "/");
    }

    /** @return connections whose client closed its side after the handler was done */
    int clientsClosed() {
        return clientsClosed.get();
    }

    /** @return what handlers threw while the server was open */
    List<Throwable> errors() {
        return errors;
    }

    /** Reads the request head; fails if the client leaves first. */
    static String readRequest(SocketChannel client) throws IOException {
        ByteBuffer request = ByteBuffer.allocate(8192);
        while (true) {
            String text = new String(request.array(), 0, request.position(), StandardCharsets.US_ASCII);
            if (text.contains("\r\n\r\n")) {
                return text;
            }
            if (client.read(request) < 0) {
                throw new IOException("the client left during the handshake");
            }
        }
    }

    private void awaitClientClose(SocketChannel client) throws IOException {
        ByteBuffer rest = ByteBuffer.allocate(1024);
        while (client.read(rest) >= 0) {
            rest.clear();
        }
        clientsClosed.incrementAndGet();
    }

    static void write(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(bytes);
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    static void write(SocketChannel channel, String ascii) throws IOException {
        write(channel, ascii.getBytes(StandardCharsets.US_ASCII));
    }

    /** @return an unmasked server text frame carrying {@code text} (7- or 16-bit length) */
    static byte[] textFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int head = payload.length < 126 ? 2 : 4;
        byte[] frame = new byte[head + payload.length];
        frame[0] = (byte) 0x81;
        if (head == 2) {
            frame[1] = (byte) payload.length;
        } else {
            frame[1] = 126;
            frame[2] = (byte) (payload.length >> 8);
            frame[3] = (byte) payload.length;
        }
        System.arraycopy(payload, 0, frame, head, payload.length);
        return frame;
    }

    @Override
    public void close() throws Exception {
        listener.close();
        for (SocketChannel client : accepted) {
            client.close();
        }
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
