package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.jetty.internal.auth.AuthChain;
import io.hydrogen.ws.jetty.internal.auth.HandshakeView;
import java.util.concurrent.ScheduledFuture;

/**
 * What a connection needs only until it has authenticated: the handshake (for in-band
 * authenticators), the verdict taken at the handshake, and the in-band deadline. Dropped as a
 * whole once the connection is authenticated or closed, so none of it stays reachable for the
 * connection's life. Thread-safe.
 */
final class PendingAuthentication {

    private final HandshakeView handshake;
    private final AuthChain.Verdict acceptedAtHandshake;
    private volatile ScheduledFuture<?> deadline;

    /**
     * @param acceptedAtHandshake the accepting verdict, or {@code null} for a connection that
     *     authenticates in-band
     */
    PendingAuthentication(HandshakeView handshake, AuthChain.Verdict acceptedAtHandshake) {
        this.handshake = handshake;
        this.acceptedAtHandshake = acceptedAtHandshake;
    }

    HandshakeView handshake() {
        return handshake;
    }

    /** @return the handshake's accepting verdict, or {@code null} if the client authenticates in-band */
    AuthChain.Verdict acceptedAtHandshake() {
        return acceptedAtHandshake;
    }

    void deadline(ScheduledFuture<?> deadline) {
        this.deadline = deadline;
    }

    /** Cancels the in-band deadline, if one was set. */
    void cancelDeadline() {
        ScheduledFuture<?> current = deadline;
        if (current != null) {
            current.cancel(false);
        }
    }
}
