package io.hydrogen.ws.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (the JDK's) that records what it receives; shared by every module's tests.
 * Every message it receives is validated against the published contract
 * ({@link Contract#SERVER_MESSAGE}): a message the contract does not describe fails the test, at
 * the next {@link #next()}, {@link #awaitClose()} or {@link #close()}, and in any case after the
 * test ({@link ContractViolations}).
 */
public final class TestClient implements WebSocket.Listener, AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** A close as the client saw it. */
    public record Closed(int code, String reason) {
    }

    public final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    public final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final List<String> violations = new ArrayList<>();
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
            String text = partial.toString();
            partial.setLength(0);
            check(text);
            messages.add(text);
        }
        if (!paused) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        violation("the server sent a binary message; the protocol has none");
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

    /** Records a violation if {@code text} is not a server message the contract describes. */
    private void check(String text) {
        List<String> errors = Contract.violations(Contract.SERVER_MESSAGE, text);
        if (!errors.isEmpty()) {
            violation("not a server message of the contract: " + text + System.lineSeparator() + "  " + errors);
        }
    }

    private void violation(String text) {
        synchronized (violations) {
            violations.add(text);
        }
        ContractViolations.record(this, text);
    }

    /** @throws AssertionError if the server sent this client a message the contract does not describe */
    public void assertConforming() {
        synchronized (violations) {
            if (!violations.isEmpty()) {
                throw new AssertionError("the server sent messages the contract (docs/contract) does not describe:"
                        + System.lineSeparator() + String.join(System.lineSeparator(), violations));
            }
        }
    }

    /**
     * Returns and forgets the violations recorded so far, so that they fail nothing: for tests that
     * feed this client wrong messages on purpose.
     *
     * @return the violations, oldest first
     */
    public List<String> takeViolations() {
        synchronized (violations) {
            List<String> taken = List.copyOf(violations);
            violations.clear();
            ContractViolations.forget(this);
            return taken;
        }
    }

    /** @return the next message, failing the test if none arrives in time or it breaks the contract */
    public JsonObject next() {
        return JsonParser.parseString(nextText()).getAsJsonObject();
    }

    /** @return the next message as it came, failing the test if none arrives in time or it breaks the contract */
    public String nextText() {
        try {
            String text = messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(text).as("a message within " + TIMEOUT).isNotNull();
            assertConforming();
            return text;
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
        Closed close = closed.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        assertConforming();
        return close;
    }

    /** Stops reading after the message in hand: the socket fills up, as a stuck client's would. */
    public void pauseReading() {
        paused = true;
    }

    /** Reads again after {@link #pauseReading()}. */
    public void resumeReading() {
        paused = false;
        socket.request(1);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Closes the connection; fails if the server sent a message the contract does not describe. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
        assertConforming();
    }
}
