package io.hydrogen.ws.benchmark.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client that completes the WebSocket upgrade by hand on a raw socket and then reads nothing,
 * so the server's writes to it back up: the backpressure case. Only after the measuring phase does
 * {@link #drain} read what has piled up, to learn whether the server closed it and with which code.
 */
public final class NonReaderClient implements AutoCloseable {

    private static final int MAX_RESPONSE_HEAD = 16 * 1024;
    private static final int OPCODE_CLOSE = 0x8;

    private final Socket socket;

    private NonReaderClient(Socket socket) {
        this.socket = socket;
    }

    /**
     * Connects and upgrades. Reads the response head byte by byte so that not one byte of the
     * WebSocket stream after it is consumed.
     *
     * @param receiveBuffer the socket receive buffer in bytes (small: backpressure sooner), or 0 for the OS default
     * @throws HandshakeStatusException if the server does not answer 101
     */
    public static NonReaderClient open(URI uri, String protocol, String key, int receiveBuffer, int timeoutMillis)
            throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer); // before connect, so the window is sized for it
            }
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(upgradeRequest(uri, protocol, key).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = readHead(socket.getInputStream());
            int status = statusCode(statusLine);
            if (status != 101) {
                throw new HandshakeStatusException(status, statusLine);
            }
            return new NonReaderClient(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** What {@link #drain} found. */
    public record DrainResult(Outcome outcome, int closeCode, long bytesRead) {
    }

    /** How a non-reader connection ended up. */
    public enum Outcome {
        /** the server sent a close frame ({@code closeCode}) */
        CLOSED,
        /** the TCP connection ended without a close frame */
        EOF,
        /** the TCP connection was reset */
        RESET,
        /** still open and still receiving when the drain budget ran out */
        OPEN
    }

    /**
     * Reads frames until a close frame, the end of the stream, or {@code budgetMillis}; then the
     * connection is still open as far as we can tell.
     */
    public DrainResult drain(int budgetMillis) {
        long deadline = System.nanoTime() + budgetMillis * 1_000_000L;
        long read = 0;
        try {
            // Buffered here (and only here): the handshake must not read ahead, the drain should.
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            while (true) {
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000L;
                if (leftMillis <= 0) {
                    return new DrainResult(Outcome.OPEN, 0, read);
                }
                socket.setSoTimeout((int) leftMillis);
                int b0 = readByte(in);
                int b1 = readByte(in);
                long length = b1 & 0x7F;
                int headLength = 2;
                if (length == 126) {
                    length = (readByte(in) << 8) | readByte(in);
                    headLength += 2;
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte(in);
                    }
                    headLength += 8;
                }
                read += headLength + length;
                if ((b0 & 0x0F) == OPCODE_CLOSE) {
                    int code = length >= 2 ? (readByte(in) << 8) | readByte(in) : 1005;
                    return new DrainResult(Outcome.CLOSED, code, read);
                }
                in.skipNBytes(length);
            }
        } catch (SocketTimeoutException e) {
            return new DrainResult(Outcome.OPEN, 0, read);
        } catch (EOFException e) {
            return new DrainResult(Outcome.EOF, 0, read);
        } catch (SocketException e) {
            return new DrainResult(Outcome.RESET, 0, read);
        } catch (IOException e) {
            return new DrainResult(Outcome.EOF, 0, read);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket we are done with: nothing to do
        }
    }

    private static String upgradeRequest(URI uri, String protocol, String key) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return upgradeRequest(uri, protocol, key, Base64.getEncoder().encodeToString(nonce));
    }

    /** @return the upgrade request the generator's clients send, with {@code nonce} as Sec-WebSocket-Key */
    static String upgradeRequest(URI uri, String protocol, String key, String nonce) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + nonce + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: " + protocol + "\r\n"
                + "Authorization: Key " + key + "\r\n"
                + "\r\n";
    }

    /** @return the status line; the rest of the head is read and dropped */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int matched = 0; // progress through "\r\n\r\n"
        while (matched < 4) {
            int b = readByte(in);
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_RESPONSE_HEAD) {
                throw new IOException("response head longer than " + MAX_RESPONSE_HEAD + " bytes");
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int eol = text.indexOf("\r\n");
        return eol < 0 ? text : text.substring(0, eol);
    }

    /** @return the status code of an HTTP status line like {@code HTTP/1.1 101 Switching Protocols}, or 0 */
    static int statusCode(String statusLine) {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }
}
