package io.hydrogen.ws.jetty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends one raw HTTP/1.1 request over a socket and reads the response head and body as text. JSON
 * bodies are checked against the published contract: every error body, and the system info body.
 */
final class RawHttp {

    /** A response: status code, headers with lower-case names, and the body. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** Sends {@code GET path} with the given extra header lines, with {@code Connection: close}. */
    static Response get(int port, String path, String... headerLines) throws IOException {
        return request(port, "GET", path, headerLines);
    }

    /** Sends a WebSocket upgrade request to {@code path} with extra header lines. */
    static Response upgrade(int port, String path, String... headerLines) throws IOException {
        String[] all = new String[headerLines.length + 4];
        all[0] = "Upgrade: websocket";
        all[1] = "Connection: Upgrade";
        all[2] = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";
        all[3] = "Sec-WebSocket-Version: 13";
        System.arraycopy(headerLines, 0, all, 4, headerLines.length);
        return exchange(port, "GET", path, all, false);
    }

    /**
     * Completes a WebSocket upgrade on a raw socket and returns it open, for clients that misbehave
     * (never read, never answer a close). The caller closes it.
     */
    static Socket openUpgraded(int port, String path, String... headerLines) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        String head = readHead(socket.getInputStream());
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("upgrade refused: " + head);
        }
        return socket;
    }

    /** @return a client-to-server text frame (masked, as RFC 6455 requires) of a short message */
    static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("short messages only");
        }
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81; // FIN + text
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    static Response request(int port, String method, String path, String... headerLines) throws IOException {
        String[] all = new String[headerLines.length + 1];
        System.arraycopy(headerLines, 0, all, 0, headerLines.length);
        all[headerLines.length] = "Connection: close";
        return exchange(port, method, path, all, true);
    }

    private static Response exchange(int port, String method, String path, String[] headerLines, boolean readBody)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            String body = "";
            String length = headers.get("content-length");
            if (status != 101 && length != null) {
                body = new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
            } else if (readBody && status != 101) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Response response = new Response(status, headers, body);
            assertConforming(path, response);
            return response;
        }
    }

    /** @throws AssertionError if a JSON body the contract describes does not conform to it */
    private static void assertConforming(String path, Response response) {
        String type = response.header("Content-Type");
        if (type == null || !type.startsWith("application/json") || response.body().isEmpty()) {
            return;
        }
        String schema = response.status() >= 400 ? Contract.HTTP_ERROR
                : path.equals("/api/system/info") && response.status() == 200 ? Contract.SYSTEM_INFO : null;
        if (schema == null) {
            return;
        }
        List<String> errors = Contract.violations(schema, response.body());
        if (!errors.isEmpty()) {
            throw new AssertionError("HTTP " + response.status() + " from " + path + " does not conform to "
                    + schema + ": " + response.body() + System.lineSeparator() + "  " + errors);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the end of the response head: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.length() - 4);
    }
}
