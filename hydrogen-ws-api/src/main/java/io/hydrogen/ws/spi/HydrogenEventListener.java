package io.hydrogen.ws.spi;

import io.hydrogen.ws.topics.ResumeOutcome;
import java.time.Duration;

/**
 * Receives one callback per lifecycle event of a server: the seam for metrics and audit logs.
 * Every method is a no-op by default, so new events never break implementations.
 *
 * <p>Callbacks run synchronously on the thread where the event happens (network threads, the
 * status tick thread): keep them short and non-blocking. Implementations must be thread-safe. A
 * callback that throws is isolated: the exception is logged and the server carries on. No
 * callback ever receives a key or other secret.
 */
public interface HydrogenEventListener {

    /** A WebSocket connection was upgraded (authenticated or pending in-band). */
    default void connectionOpened(ConnectionInfo connection) {
    }

    /** A connection authenticated; {@link ConnectionInfo#principal()} is now set. */
    default void connectionAuthenticated(ConnectionInfo connection) {
    }

    /**
     * A connection closed.
     *
     * @param wasAuthenticated whether it had authenticated (and was counted as active)
     * @param code the close code, 1006 when the connection dropped without one
     * @param reason the close reason, possibly empty
     */
    default void connectionClosed(ConnectionInfo connection, boolean wasAuthenticated, int code, String reason) {
    }

    /**
     * Authentication failed, at the handshake or in-band.
     *
     * @param remoteAddress the client's address as {@code host:port}
     * @param reason why; never the key
     */
    default void authFailed(String remoteAddress, String reason) {
    }

    /**
     * A complete text message arrived from an authenticated connection.
     *
     * @param type the message's type if it was a valid message with a known type, else {@code null}
     * @param bytes its size in UTF-8 bytes
     */
    default void messageReceived(ConnectionInfo connection, String type, long bytes) {
    }

    /**
     * A message was written to a connection.
     *
     * @param bytes its payload size
     */
    default void messageSent(ConnectionInfo connection, int bytes) {
    }

    /**
     * A queued message was dropped instead of sent.
     *
     * @param reason {@code conflated} (a newer status, or a newer update of the same state topic,
     *     replaced it) or {@code overflow} (the client fell too far behind and is being closed)
     */
    default void messageDropped(ConnectionInfo connection, String reason) {
    }

    /**
     * An error message was queued for a connection.
     *
     * @param code the error code, for example {@code invalid_message}
     */
    default void errorSent(ConnectionInfo connection, String code) {
    }

    /**
     * A status push tick was built and handed to the connections.
     *
     * @param seq the tick's sequence number
     * @param buildTime how long collecting and serialising the status took
     * @param recipients how many connections it was queued for
     */
    default void statusTickBuilt(long seq, Duration buildTime, int recipients) {
    }

    /**
     * A connection subscribed to a topic (or replaced its subscription's options).
     *
     * @param topic the topic's name
     * @param resume what became of the subscription's {@code resume}
     * @param replayed how many events are replayed (0 unless resumed)
     */
    default void subscribed(ConnectionInfo connection, String topic, ResumeOutcome resume, long replayed) {
    }

    /**
     * A connection unsubscribed from a topic (not called when it closes).
     *
     * @param topic the topic's name
     */
    default void unsubscribed(ConnectionInfo connection, String topic) {
    }
}
