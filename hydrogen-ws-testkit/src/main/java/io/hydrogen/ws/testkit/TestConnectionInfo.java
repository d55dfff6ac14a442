package io.hydrogen.ws.testkit;

import io.hydrogen.ws.spi.ConnectionInfo;

/**
 * A fixed {@link ConnectionInfo} for tests of event listeners and message handlers.
 *
 * <pre>{@code
 * ConnectionInfo pending = TestConnectionInfo.pending(1);            // principal null
 * ConnectionInfo client = TestConnectionInfo.authenticated(2, "api-key:1a2b3c4d");
 * }</pre>
 *
 * @param id the connection's number
 * @param remoteAddress the client's address as {@code host:port}
 * @param principal the principal, {@code null} while not authenticated
 * @param isAuthenticated whether the connection is authenticated and open
 */
public record TestConnectionInfo(long id, String remoteAddress, String principal, boolean isAuthenticated)
        implements ConnectionInfo {

    /**
     * Returns a connection that has not authenticated (yet): its principal is {@code null}.
     *
     * @param id the connection's number
     * @return the connection, from {@code 127.0.0.1:50000 + id % 10000}
     */
    public static TestConnectionInfo pending(long id) {
        return new TestConnectionInfo(id, address(id), null, false);
    }

    /**
     * Returns an authenticated connection.
     *
     * @param id the connection's number
     * @param principal the principal
     * @return the connection, from {@code 127.0.0.1:50000 + id % 10000}
     */
    public static TestConnectionInfo authenticated(long id, String principal) {
        return new TestConnectionInfo(id, address(id), principal, true);
    }

    private static String address(long id) {
        return "127.0.0.1:" + (50000 + Math.floorMod(id, 10000L));
    }
}
