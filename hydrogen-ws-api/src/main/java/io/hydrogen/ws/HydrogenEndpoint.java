package io.hydrogen.ws;

/**
 * What a running Hydrogen endpoint offers its host, whether it is the standalone
 * {@link HydrogenWebSocketServer} or mounted in a host's own Jetty server
 * ({@code io.hydrogen.ws.jetty.HydrogenContextHandler}). Implementations are thread-safe: every
 * method may be called from any thread.
 */
public interface HydrogenEndpoint {

    /**
     * Returns the live, read-only view of the endpoint's state and counters. Available in every
     * state, also before it starts and after it stopped.
     *
     * @return the endpoint's context; never {@code null}
     */
    ServerContext context();

    /**
     * Sends a message of the host's to every authenticated connection:
     * {@code {"type":TYPE,"data":DATA}}. The data is serialised once, on the caller's thread, so a
     * value with no JSON form fails this call; the fan-out then happens on the endpoint's own thread
     * and this returns at once: a slow client never delays the caller or the other clients.
     * Broadcasts are not conflated; a client that lets its queue overflow is closed with 1013. An
     * event topic ({@link #topics()}) is the successor of broadcasts: clients subscribe to it and
     * resume it after a reconnect.
     *
     * @param type the message type, as for {@link EndpointConfig.Builder#messageHandler}
     *     (built-in types are refused)
     * @param data the payload as plain Java, by the rules of {@link io.hydrogen.ws.spi.StatusProvider#status()}
     * @throws IllegalArgumentException if the type is malformed or built in, or if the data has no
     *     JSON form (the message names the offending part and what to use instead); nothing is sent
     * @throws IllegalStateException if the endpoint is not running
     */
    void broadcast(String type, Object data);

    /**
     * Returns the endpoint's topics, to publish the job, temperatures, notifications and the host's
     * own topics. Publishing requires a running endpoint.
     *
     * @return the topics; never {@code null}
     */
    io.hydrogen.ws.topics.Topics topics();

    /**
     * Returns the endpoint's API keys, to add and revoke keys while it runs.
     *
     * @return the live key set; never {@code null}
     */
    ApiKeys apiKeys();

    /**
     * Returns the validated configuration the endpoint was built with. Its key list is the one at
     * build time; {@link #apiKeys()} has the live set.
     *
     * @return the configuration; never {@code null}
     */
    ServerConfig config();
}
