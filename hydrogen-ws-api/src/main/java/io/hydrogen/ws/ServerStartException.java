package io.hydrogen.ws;

/**
 * Thrown by {@link HydrogenWebSocketServer#start()} when the server cannot start, for example
 * because every port of the configured range is taken. The message says what to fix; the cause, if
 * any, is the underlying failure.
 */
public class ServerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what failed and what to fix
     * @param cause the underlying failure, or {@code null}
     */
    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
