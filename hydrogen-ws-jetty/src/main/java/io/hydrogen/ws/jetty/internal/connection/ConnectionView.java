package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.Scope;
import io.hydrogen.ws.spi.ConnectionInfo;

/**
 * What hosts see of a connection: an immutable value, taken when the connection opened and again
 * when it authenticated or its scope changed. Hosts never get the connection object itself.
 *
 * @param id the connection's id, unique within the JVM
 * @param remoteAddress the client's address and port (behind a trusted proxy: the real client's)
 * @param principal who authenticated, or {@code null} before authentication
 * @param isAuthenticated whether the connection had authenticated when this view was taken
 * @param scope what the connection may do ({@link Scope#MONITOR} before authentication)
 */
record ConnectionView(long id, String remoteAddress, String principal, boolean isAuthenticated, Scope scope)
        implements ConnectionInfo {

    /** @return the view of a connection that has not authenticated yet */
    static ConnectionView unauthenticated(long id, String remoteAddress) {
        return new ConnectionView(id, remoteAddress, null, false, Scope.MONITOR);
    }

    /** @return this connection's view once authenticated as {@code principal} with {@code scope} */
    ConnectionView authenticatedAs(String principal, Scope scope) {
        return new ConnectionView(id, remoteAddress, principal, true, scope);
    }

    /** @return this connection's view with another scope */
    ConnectionView withScope(Scope changed) {
        return new ConnectionView(id, remoteAddress, principal, isAuthenticated, changed);
    }
}
