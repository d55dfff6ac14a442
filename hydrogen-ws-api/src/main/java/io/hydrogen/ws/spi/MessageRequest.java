package io.hydrogen.ws.spi;

import java.util.Map;

/** A client message routed to a host {@link MessageHandler}. */
public interface MessageRequest {

    /** @return the message type the handler is registered for */
    String type();

    /**
     * Returns the whole message as plain Java: a map of strings to {@code null}, {@code String},
     * {@code Long} (integers), {@code Double} (other numbers), {@code Boolean}, {@code List} and
     * {@code Map} values, in the order received. Includes {@code type} and, if sent, {@code id}.
     *
     * @return the message; unmodifiable
     */
    Map<String, Object> payload();

    /** @return the connection it came from; {@link ConnectionInfo#principal()} says who sent it */
    ConnectionInfo connection();
}
