package io.hydrogen.ws.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) that records what it receives; shared by every module's tests. */
public final class TestClient implements WebSocket.Listener, AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** A close as the client saw it. */
    public record Closed(int code, String reason) {
    }

    public final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    public final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean paused;
    public WebSocket socket;

    /** Connects with subprotocol {@code hydrogen-protocol} and {@code Authorization: Key <key>}. */
    public static TestClient connect(URI uri, String key) {
        return connect(uri, "hydrogen-protocol", key == null ? null : "Key " + key);
    }

    /** Connects; {@code protocol} and {@code authorization} may be {@code null} to leave them out. */
    public static TestClient connect(URI uri, String protocol, String authorization) {
        TestClient client = new TestClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (protocol != null) {
            builder.subprotocols(protocol);
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        client.socket = builder.buildAsync(uri, client).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        if (!paused) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        messages.add("<binary>");
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** @return the next message, failing the test if none arrives in time */
    public JsonObject next() {
        try {
            String text = messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(text).as("a message within " + TIMEOUT).isNotNull();
            return JsonParser.parseString(text).getAsJsonObject();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** @return the next message, which must have the given type */
    public JsonObject next(String type) {
        JsonObject message = next();
        assertThat(message.get("type").getAsString()).as("type of " + message).isEqualTo(type);
        return message;
    }

    /** @return the next message that is not a status push */
    public JsonObject nextNonStatus() {
        while (true) {
            JsonObject message = next();
            if (!message.get("type").getAsString().equals("status") || message.has("id")) {
                return message;
            }
        }
    }

    /** @return the close the server sent, failing the test if none comes in time */
    public Closed awaitClose() {
        return closed.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Stops reading after the message in hand: the socket fills up, as a stuck client's would. */
    public void pauseReading() {
        paused = true;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }
}
