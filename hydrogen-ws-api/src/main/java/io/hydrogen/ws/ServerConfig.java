package io.hydrogen.ws;

import io.hydrogen.ws.spi.HydrogenEventListener;
import java.time.Duration;
import java.util.List;

/**
 * The validated, immutable configuration of a server, grouped by concern: {@link #binding()},
 * {@link #endpoint()}, {@link #auth()}, {@link #limits()}, {@link #queues()} and
 * {@link #liveness()}, plus the server-wide {@link #exitWait()} and {@link #eventListeners()}.
 * Made by {@link HydrogenWebSocketServerBuilder}; {@link #toBuilder()} derives a variant.
 * Each getter has the name of the builder method that sets it. {@link #toString()} never shows
 * the API keys or the TLS password.
 */
public final class ServerConfig {

    private final BindingConfig binding;
    private final EndpointConfig endpoint;
    private final AuthConfig auth;
    private final LimitsConfig limits;
    private final QueueConfig queues;
    private final LivenessConfig liveness;
    private final TopicsConfig topics;
    private final Duration exitWait;
    private final List<HydrogenEventListener> eventListeners;

    ServerConfig(HydrogenWebSocketServerBuilder b) {
        this.binding = b.binding.build();
        this.endpoint = b.endpoint.build();
        this.auth = b.auth.build();
        this.limits = b.limits.build();
        this.queues = b.queues.build();
        this.liveness = b.liveness.build();
        this.topics = b.topics.build();
        this.exitWait = Check.notNegative("exitWait", b.exitWait);
        this.eventListeners = List.copyOf(b.eventListeners);
    }

    /** @return where the standalone server listens: address, ports, TLS, handshake deadline */
    public BindingConfig binding() {
        return binding;
    }

    /** @return what the endpoint serves: path, subprotocol, compression, status push, message handlers */
    public EndpointConfig endpoint() {
        return endpoint;
    }

    /** @return who may connect: keys, authenticators, throttling, origins, trusted proxies */
    public AuthConfig auth() {
        return auth;
    }

    /** @return the size and rate of inbound messages and the caps on connections */
    public LimitsConfig limits() {
        return limits;
    }

    /** @return the bounds of each connection's outbound queue */
    public QueueConfig queues() {
        return queues;
    }

    /** @return how gone clients are noticed: pings, pong deadline, idle timeout */
    public LivenessConfig liveness() {
        return liveness;
    }

    /** @return the host's own topics and the replay window of event topics */
    public TopicsConfig topics() {
        return topics;
    }

    /** @return how long {@code close()} waits for clients to close */
    public Duration exitWait() {
        return exitWait;
    }

    /** @return the event listeners, in the order added */
    public List<HydrogenEventListener> eventListeners() {
        return eventListeners;
    }

    /**
     * Returns a builder that starts from this configuration, so that a host can derive a variant
     * (another port, a longer status interval) without repeating the rest. Options that default
     * from another option and were not set (the port range end, the pong timeout, the host) keep
     * following it. Changing the builder never changes this configuration.
     *
     * @return a new builder with this configuration's options
     */
    public HydrogenWebSocketServerBuilder toBuilder() {
        return new HydrogenWebSocketServerBuilder(this);
    }

    @Override
    public String toString() {
        return "ServerConfig[" + binding + ", " + endpoint + ", " + auth + ", " + limits + ", " + queues + ", "
                + liveness + ", " + topics + ", exitWait=" + exitWait + ", eventListeners=" + eventListeners.size()
                + "]";
    }
}
