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
 * <p>Implementations are thread-safe: every method may be called from any thread. An instance is
 * started at most once; after {@link #close()} it cannot be started again (build a new one).
 */
public interface HydrogenWebSocketServer extends AutoCloseable {

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

    /**
     * Returns the live, read-only view of the server's state and counters. Available in every
     * state, also before {@link #start()} and after {@link #close()}.
     *
     * @return the server's context; never {@code null}
     */
    ServerContext context();

    /**
     * Sends a message of the host's to every authenticated connection:
     * {@code {"type":TYPE,"data":DATA}}. The data is serialised once, on the caller's thread, so a
     * value with no JSON form fails this call; the fan-out then happens on the server's own thread
     * and this returns at once: a slow client never delays the caller or the other clients.
     * Broadcasts are not conflated; a client that lets its queue overflow is closed with 1013.
     *
     * @param type the message type, as for {@link HydrogenWebSocketServerBuilder#messageHandler}
     *     (built-in types are refused)
     * @param data the payload as plain Java, by the rules of {@link io.hydrogen.ws.spi.StatusProvider#status()}
     * @throws IllegalArgumentException if the type is malformed or built in, or if the data has no
     *     JSON form (the message names the offending part and what to use instead); nothing is sent
     * @throws IllegalStateException if the server is not running
     */
    void broadcast(String type, Object data);

    /**
     * Returns the server's API keys, to add and revoke keys while it runs.
     *
     * @return the live key set; never {@code null}
     */
    ApiKeys apiKeys();

    /**
     * Returns the validated configuration this server was built with. Its key list is the one at
     * build time; {@link #apiKeys()} has the live set.
     *
     * @return the configuration; never {@code null}
     */
    ServerConfig config();
}
