package io.hydrogen.ws.testkit;

import io.hydrogen.ws.spi.ConnectionInfo;
import io.hydrogen.ws.spi.MessageRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A fixed {@link MessageRequest} for tests of a {@link io.hydrogen.ws.spi.MessageHandler}, shaped
 * like the server's: the payload includes {@code type} (and {@code id} if you add one).
 *
 * <pre>{@code
 * MessageRequest request = TestMessageRequest.of("set_temperature", Map.of("id", 7L, "celsius", 210L));
 * }</pre>
 *
 * @param type the message type
 * @param payload the whole message as plain Java; unmodifiable
 * @param connection the connection it came from
 */
public record TestMessageRequest(String type, Map<String, Object> payload, ConnectionInfo connection)
        implements MessageRequest {

    /**
     * Copies the payload (keeping its order) and makes it unmodifiable.
     *
     * @param type the message type
     * @param payload the whole message as plain Java, including {@code type}
     * @param connection the connection it came from
     */
    public TestMessageRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(connection, "connection");
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    /**
     * Returns a request from an authenticated test connection (id 1, principal {@code test}); the
     * payload gets {@code "type": type} first.
     *
     * @param type the message type
     * @param fields the other fields of the message, as the server would decode them ({@code Long}
     *     for integers, {@code Double} for other numbers)
     * @return the request
     */
    public static TestMessageRequest of(String type, Map<String, Object> fields) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.putAll(fields);
        return new TestMessageRequest(type, payload, TestConnectionInfo.authenticated(1, "test"));
    }
}
