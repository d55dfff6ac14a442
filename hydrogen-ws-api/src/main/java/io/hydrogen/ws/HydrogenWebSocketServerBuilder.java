package io.hydrogen.ws;

import io.hydrogen.ws.spi.HydrogenEventListener;
import io.hydrogen.ws.spi.HydrogenServerProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Builds a {@link HydrogenWebSocketServer}. Every option has a safe default except the API key,
 * which is required. {@link #build()} validates the whole configuration and says what to fix.
 *
 * <p>The options are grouped by concern, as {@link ServerConfig} is; each group is set with a
 * lambda, and the three options almost every host sets have shortcuts:
 *
 * <pre>{@code
 * HydrogenWebSocketServer.builder()
 *         .port(5001)                                   // binding(b -> b.port(5001))
 *         .apiKey(key)                                  // auth(a -> a.apiKey(key))
 *         .statusInterval(Duration.ofSeconds(1))        // endpoint(e -> e.statusInterval(...))
 *         .limits(l -> l.maxMessageBytes(16 * 1024).maxMessagesPerSecond(20))
 *         .liveness(l -> l.pingInterval(Duration.ofSeconds(10)))
 *         .build();
 * }</pre>
 *
 * <p>A builder is not thread-safe; the servers and configurations it builds are. A builder may be
 * reused: each {@link #build()} takes a snapshot of its current options.
 */
public final class HydrogenWebSocketServerBuilder {

    final BindingConfig.Builder binding;
    final EndpointConfig.Builder endpoint;
    final AuthConfig.Builder auth;
    final LimitsConfig.Builder limits;
    final QueueConfig.Builder queues;
    final LivenessConfig.Builder liveness;
    final TopicsConfig.Builder topics;
    Duration exitWait = Duration.ofSeconds(3);
    final List<HydrogenEventListener> eventListeners;

    HydrogenWebSocketServerBuilder() {
        binding = new BindingConfig.Builder();
        endpoint = new EndpointConfig.Builder();
        auth = new AuthConfig.Builder();
        limits = new LimitsConfig.Builder();
        queues = new QueueConfig.Builder();
        liveness = new LivenessConfig.Builder();
        topics = new TopicsConfig.Builder();
        eventListeners = new ArrayList<>();
    }

    HydrogenWebSocketServerBuilder(ServerConfig from) {
        binding = from.binding().toBuilder();
        endpoint = from.endpoint().toBuilder();
        auth = from.auth().toBuilder();
        limits = from.limits().toBuilder();
        queues = from.queues().toBuilder();
        liveness = from.liveness().toBuilder();
        topics = from.topics().toBuilder();
        exitWait = from.exitWait();
        eventListeners = new ArrayList<>(from.eventListeners());
    }

    /**
     * Sets where the standalone server listens: address, port range, TLS, handshake deadline.
     *
     * @param settings sets options on the group's builder, for example {@code b -> b.host("127.0.0.1").port(0)}
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder binding(Consumer<BindingConfig.Builder> settings) {
        settings.accept(binding);
        return this;
    }

    /**
     * Sets what the endpoint serves: path, subprotocol, compression, status push and providers,
     * message handlers.
     *
     * @param settings sets options on the group's builder, for example {@code e -> e.path("/ws")}
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder endpoint(Consumer<EndpointConfig.Builder> settings) {
        settings.accept(endpoint);
        return this;
    }

    /**
     * Sets who may connect: API keys, authenticators, in-band and query-string keys, the failure
     * throttle, allowed origins, trusted proxies.
     *
     * @param settings sets options on the group's builder, for example {@code a -> a.inBandAuth(false)}
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder auth(Consumer<AuthConfig.Builder> settings) {
        settings.accept(auth);
        return this;
    }

    /**
     * Sets the size and rate of inbound messages and the caps on connections.
     *
     * @param settings sets options on the group's builder, for example {@code l -> l.maxConnections(100)}
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder limits(Consumer<LimitsConfig.Builder> settings) {
        settings.accept(limits);
        return this;
    }

    /**
     * Sets the bounds of each connection's outbound queue.
     *
     * @param settings sets options on the group's builder, for example {@code q -> q.maxQueuedMessages(64)}
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder queues(Consumer<QueueConfig.Builder> settings) {
        settings.accept(queues);
        return this;
    }

    /**
     * Sets how gone clients are noticed: ping interval, pong timeout, idle timeout.
     *
     * @param settings sets options on the group's builder, for example {@code l -> l.pingInterval(Duration.ZERO)}
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder liveness(Consumer<LivenessConfig.Builder> settings) {
        settings.accept(liveness);
        return this;
    }

    /**
     * Sets the host's own topics and the replay window of event topics.
     *
     * @param settings sets options on the group's builder, for example {@code t -> t.stateTopic("bed_mesh")}
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder topics(Consumer<TopicsConfig.Builder> settings) {
        settings.accept(topics);
        return this;
    }

    /**
     * Shortcut for {@code binding(b -> b.port(port))}; see {@link BindingConfig.Builder#port(int)}.
     *
     * @param port 0 to 65535; default 5001
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder port(int port) {
        binding.port(port);
        return this;
    }

    /**
     * Shortcut for {@code auth(a -> a.apiKey(key))}; see {@link AuthConfig.Builder#apiKey(String)}.
     *
     * @param key the key
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder apiKey(String key) {
        auth.apiKey(key);
        return this;
    }

    /**
     * Shortcut for {@code auth(a -> a.apiKey(key, scope))}; see {@link AuthConfig.Builder#apiKey(String, Scope)}.
     *
     * @param key the key
     * @param scope what its clients may do
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder apiKey(String key, Scope scope) {
        auth.apiKey(key, scope);
        return this;
    }

    /**
     * Shortcut for {@code endpoint(e -> e.statusInterval(interval))}; see
     * {@link EndpointConfig.Builder#statusInterval(Duration)}.
     *
     * @param interval zero, or at least 1 ms; default 1 s
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder statusInterval(Duration interval) {
        endpoint.statusInterval(interval);
        return this;
    }

    /**
     * Sets how long {@link HydrogenWebSocketServer#close()} waits for clients to acknowledge the
     * close before it stops the server anyway. Default: 3 s.
     *
     * @param exitWait zero or positive
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder exitWait(Duration exitWait) {
        this.exitWait = exitWait;
        return this;
    }

    /**
     * Adds an event listener (metrics, audit). Several may be added; each is isolated from the
     * others' failures.
     *
     * @param listener the listener
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder eventListener(HydrogenEventListener listener) {
        eventListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Validates the options and returns an immutable configuration, without looking for an
     * implementation.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming the option to fix if an option is invalid
     */
    public ServerConfig buildConfig() {
        return new ServerConfig(this);
    }

    /**
     * Validates the options and creates a server (not started yet) with the implementation found
     * on the class path.
     *
     * @return a new server
     * @throws IllegalArgumentException naming the option to fix if an option is invalid
     * @throws IllegalStateException if no implementation is on the class path
     */
    public HydrogenWebSocketServer build() {
        ServerConfig config = buildConfig();
        return loadProvider().create(config);
    }

    private static HydrogenServerProvider loadProvider() {
        Iterator<HydrogenServerProvider> providers;
        try {
            providers = ServiceLoader.load(HydrogenServerProvider.class,
                    HydrogenWebSocketServerBuilder.class.getClassLoader()).iterator();
            if (providers.hasNext()) {
                return providers.next();
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("The HydrogenWebSocketServer implementation on the class path "
                    + "could not be loaded: " + e.getMessage(), e);
        }
        throw new IllegalStateException("No HydrogenWebSocketServer implementation found on the class path. "
                + "Add the dependency io.hydrogen:hydrogen-ws-jetty.");
    }
}
