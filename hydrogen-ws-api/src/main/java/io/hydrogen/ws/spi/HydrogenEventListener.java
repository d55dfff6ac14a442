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

    /**
     * A WebSocket connection was upgraded (authenticated or pending in-band).
     *
     * @param connection the connection
     */
    default void connectionOpened(ConnectionInfo connection) {
    }

    /**
     * A connection authenticated; {@link ConnectionInfo#principal()} is now set.
     *
     * @param connection the connection
     */
    default void connectionAuthenticated(ConnectionInfo connection) {
    }

    /**
     * A connection closed.
     *
     * @param connection the connection
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
     * @param connection the connection
     * @param type the message's type if it was a valid message with a known type, else {@code null}
     * @param bytes its size in UTF-8 bytes
     */
    default void messageReceived(ConnectionInfo connection, String type, long bytes) {
    }

    /**
     * A message was written to a connection.
     *
     * @param connection the connection
     * @param bytes its payload size
     */
    default void messageSent(ConnectionInfo connection, int bytes) {
    }

    /**
     * A queued message was dropped instead of sent.
     *
     * @param connection the connection
     * @param reason {@code conflated} (a newer status, or a newer update of the same state topic,
     *     replaced it) or {@code overflow} (the client fell too far behind and is being closed)
     */
    default void messageDropped(ConnectionInfo connection, String reason) {
    }

    /**
     * An error message was queued for a connection.
     *
     * @param connection the connection
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
     * @param connection the connection
     * @param topic the topic's name
     * @param resume what became of the subscription's {@code resume}
     * @param replayed how many events are replayed (0 unless resumed)
     */
    default void subscribed(ConnectionInfo connection, String topic, ResumeOutcome resume, long replayed) {
    }

    /**
     * A connection unsubscribed from a topic (not called when it closes).
     *
     * @param connection the connection
     * @param topic the topic's name
     */
    default void unsubscribed(ConnectionInfo connection, String topic) {
    }

    /**
     * A host command or message handler was called, and how it ended. Called once per call, also
     * when a handler answers later through a {@code CompletionStage}, and for calls refused before
     * the handler ran ({@code forbidden}, {@code control_required}).
     *
     * @param connection the connection that sent it
     * @param command the message type
     * @param outcome {@code ok}, the error code the client got (a host's {@code MessageException}
     *     code, {@code forbidden}, {@code control_required}), or {@code failed} ({@code server_error})
     */
    default void commandHandled(ConnectionInfo connection, String command, String outcome) {
    }

    /**
     * The control lease changed hands: acquired, released, taken by force, lost with a connection
     * whose grace period ended, or revoked by the host.
     *
     * @param holder the new holder, or {@code null} if nobody holds it now
     */
    default void controlChanged(io.hydrogen.ws.ControlLease.Holder holder) {
    }
}
