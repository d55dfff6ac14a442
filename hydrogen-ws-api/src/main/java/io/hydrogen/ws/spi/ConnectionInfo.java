package io.hydrogen.ws.spi;

import io.hydrogen.ws.Scope;

/** A read-only view of one client connection, as events and message handlers see it. */
public interface ConnectionInfo {

    /** @return a number unique among this server's connections, in order of arrival */
    long id();

    /** @return the client's address as {@code host:port} */
    String remoteAddress();

    /** @return the principal the authenticator named, or {@code null} while not authenticated */
    String principal();

    /** @return whether the connection is authenticated and open */
    boolean isAuthenticated();

    /**
     * @return what the connection may do: the scope its key or authenticator gave it (changed at
     *     once when its key is narrowed); {@link Scope#MONITOR} before authentication
     */
    default Scope scope() {
        return Scope.MONITOR;
    }
}
