package io.hydrogen.ws;

import java.net.URI;

/**
 * A Hydrogen WebSocket server: real-time status and control for a printer host.
 *
 * <p>Create one with {@link #builder()}, {@link #start()} it, and {@link #close()} it when the host
 * shuts down:
 *
 * <pre>{@code
 * try (HydrogenWebSocketServer server = HydrogenWebSocketServer.builder()
 *         .apiKey(System.getenv("HYDROGEN_WS_KEY"))
 *         .build()) {
 *     server.start();
 *     log.info("status on {}", server.uri());
 *     awaitShutdown();
 * }
 * }</pre>
 *
 * <p>What it offers while it runs ({@link #context()}, {@link #broadcast(String, Object)},
 * {@link #apiKeys()}, {@link #config()}) is the {@link HydrogenEndpoint} it shares with an endpoint
 * mounted in a host's own Jetty server.
 *
 * <p>Implementations are thread-safe: every method may be called from any thread. An instance is
 * started at most once; after {@link #close()} it cannot be started again (build a new one).
 */
public interface HydrogenWebSocketServer extends HydrogenEndpoint, AutoCloseable {

    /**
     * The path of the system info endpoint on the server's port: {@code GET} with the same
     * {@code Authorization} header returns the current status plus the bound port and protocol.
     */
    String SYSTEM_INFO_PATH = "/api/system/info";

    /**
     * Returns a new builder. The implementation is found with {@link java.util.ServiceLoader} when
     * {@link HydrogenWebSocketServerBuilder#build()} is called.
     *
     * @return a builder with the documented defaults
     */
    static HydrogenWebSocketServerBuilder builder() {
        return new HydrogenWebSocketServerBuilder();
    }

    /**
     * Binds the first free port of the configured range and starts accepting connections.
     * Returns once the server accepts connections.
     *
     * @throws ServerStartException if no port of the range could be bound, or the server failed to
     *     start; the server is then closed and holds no port
     * @throws IllegalStateException if the server was already started or closed
     */
    void start();

    /**
     * Shuts the server down gracefully: every authenticated connection receives a last status
     * message with {@code running:false, shutting_down:true}, then a close frame with code 1001.
     * Waits up to {@link ServerConfig#exitWait()} for the clients to close, then stops and frees
     * the port. Idempotent; a server that was never started is simply marked closed.
     */
    @Override
    void close();

    /**
     * Returns the port the server is bound to.
     *
     * @return the bound port
     * @throws IllegalStateException if the server is not running
     */
    int port();

    /**
     * Returns the WebSocket URI clients connect to, for example {@code ws://127.0.0.1:5001/}. A
     * wildcard host is reported as the loopback address of the same family.
     *
     * @return the WebSocket endpoint's URI
     * @throws IllegalStateException if the server is not running
     */
    URI uri();
}
