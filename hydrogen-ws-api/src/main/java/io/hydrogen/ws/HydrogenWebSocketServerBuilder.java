package io.hydrogen.ws;

import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.HydrogenEventListener;
import io.hydrogen.ws.spi.HydrogenServerProvider;
import io.hydrogen.ws.spi.MessageHandler;
import io.hydrogen.ws.spi.StatusProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Builds a {@link HydrogenWebSocketServer}. Every option has a safe default except the API key,
 * which is required. {@link #build()} validates the whole configuration and says what to fix.
 *
 * <p>A builder is not thread-safe; the servers and configurations it builds are. A builder may be
 * reused: each {@link #build()} takes a snapshot of its current options.
 */
public final class HydrogenWebSocketServerBuilder {

    /** The default first port of the range: 5001, as documented. */
    public static final int DEFAULT_PORT = 5001;
    /** The default last port of the range: 5010. */
    public static final int DEFAULT_PORT_RANGE_END = 5010;
    /** The default WebSocket subprotocol. */
    public static final String DEFAULT_PROTOCOL = "hydrogen-protocol";
    /** The default WebSocket path. */
    public static final String DEFAULT_PATH = "/";
    /** The default inbound message limit: 64 KiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

    String host;
    boolean ipv6;
    int port = DEFAULT_PORT;
    Integer portRangeEnd;
    String path = DEFAULT_PATH;
    String protocol = DEFAULT_PROTOCOL;
    final List<String> apiKeys = new ArrayList<>();
    boolean inBandAuth = true;
    Duration authTimeout = Duration.ofSeconds(5);
    Duration statusInterval = Duration.ofSeconds(1);
    int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    Duration exitWait = Duration.ofSeconds(3);
    Duration idleTimeout = Duration.ofMinutes(5);
    final List<Authenticator> authenticators = new ArrayList<>();
    boolean queryKeyAuth;
    final List<StatusProvider> statusProviders = new ArrayList<>();
    boolean statusProviderDiscovery = true;
    Duration statusProviderBudget = Duration.ofMillis(100);
    final List<HydrogenEventListener> eventListeners = new ArrayList<>();
    final Map<String, MessageHandler> messageHandlers = new LinkedHashMap<>();
    int maxQueuedMessages = 256;
    long maxQueuedBytes = 1024 * 1024;
    Duration maxQueueDelay = Duration.ofSeconds(10);
    boolean permessageDeflate;
    Duration pingInterval = Duration.ofSeconds(20);
    Duration pongTimeout;
    int maxConnections = 16_384;
    int maxPendingConnections = 256;
    int maxConnectionsPerAddress = 1024;
    int maxAuthFailures = 20;
    Duration authFailureWindow = Duration.ofMinutes(1);
    final List<String> allowedOrigins = new ArrayList<>();
    final List<String> trustedProxies = new ArrayList<>();
    Duration handshakeTimeout = Duration.ofSeconds(10);
    int maxMessagesPerSecond = 100;
    Path tlsKeyStore;
    char[] tlsKeyStorePassword;
    JsonNaming jsonNaming = JsonNaming.SNAKE_CASE;

    HydrogenWebSocketServerBuilder() {
    }

    /**
     * Sets the address to bind. Default: all interfaces ({@code 0.0.0.0}, or {@code ::} with
     * {@link #ipv6(boolean) IPv6} on).
     *
     * @param host a host name or IP literal; {@code null} for all interfaces
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder host(String host) {
        this.host = host;
        return this;
    }

    /**
     * Enables IPv6. With no {@link #host(String) host} the server binds {@code ::} (dual-stack
     * where the OS allows it); an IPv6 host such as {@code ::1} needs this option. Default: off.
     *
     * @param enabled whether IPv6 is enabled
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder ipv6(boolean enabled) {
        this.ipv6 = enabled;
        return this;
    }

    /**
     * Sets the first port to try. Default: 5001. {@code 0} binds an ephemeral port (the range end
     * is then ignored).
     *
     * @param port 0 to 65535
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder port(int port) {
        this.port = port;
        return this;
    }

    /**
     * Sets the last port to try when the ports before it are taken. Default: 5010, or the
     * {@link #port(int) port} itself if that is above 5010.
     *
     * @param portRangeEnd at least the first port, at most 65535
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder portRangeEnd(int portRangeEnd) {
        this.portRangeEnd = portRangeEnd;
        return this;
    }

    /**
     * Sets the path of the WebSocket endpoint. Default: {@code /}. The path is matched exactly.
     *
     * @param path an absolute path without wildcards, query or fragment
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder path(String path) {
        this.path = path;
        return this;
    }

    /**
     * Sets the WebSocket subprotocol clients must offer. Default: {@code hydrogen-protocol}.
     *
     * @param protocol an HTTP token
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder protocol(String protocol) {
        this.protocol = protocol;
        return this;
    }

    /**
     * Adds an API key that clients may present. At least one key (or an
     * {@link #authenticator(Authenticator) authenticator}) is required. A key is non-empty
     * printable ASCII without spaces; keys shorter than 16 characters are accepted but logged as
     * weak when the server starts.
     *
     * @param key the key
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder apiKey(String key) {
        apiKeys.add(key);
        return this;
    }

    /**
     * Adds several API keys; see {@link #apiKey(String)}.
     *
     * @param keys the keys
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder apiKeys(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys");
        apiKeys.addAll(keys);
        return this;
    }

    /**
     * Enables or disables in-band authentication for clients that cannot set an
     * {@code Authorization} header (browsers). When on (the default), such a client is upgraded
     * in a pending state and must send {@code {"type":"auth","key":"..."}} first. When off, a
     * missing header is answered with HTTP 401.
     *
     * @param enabled whether in-band authentication is allowed
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder inBandAuth(boolean enabled) {
        this.inBandAuth = enabled;
        return this;
    }

    /**
     * Sets how long a pending connection may take to send its auth message. Default: 5 s.
     *
     * @param timeout positive
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder authTimeout(Duration timeout) {
        this.authTimeout = timeout;
        return this;
    }

    /**
     * Sets the interval of the status push. Default: 1 s. {@link Duration#ZERO} disables the
     * periodic push (clients still get one status when they authenticate, and on request).
     *
     * @param interval zero, or at least 1 ms
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder statusInterval(Duration interval) {
        this.statusInterval = interval;
        return this;
    }

    /**
     * Sets the largest inbound message, in bytes of UTF-8 (fragments counted together). A larger
     * message is answered with {@code invalid_message} and close code 1009. Default: 64 KiB.
     *
     * @param maxBytes 1 to 64 MiB
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder maxMessageBytes(int maxBytes) {
        this.maxMessageBytes = maxBytes;
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
     * Sets how long a connection may be silent in both directions before it is closed with 1001.
     * Status pushes count as traffic. Default: 5 minutes.
     *
     * @param idleTimeout positive
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder idleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
        return this;
    }

    /**
     * Adds an authenticator, asked (in the order added) before the built-in API-key check. With
     * authenticators, API keys become optional.
     *
     * @param authenticator the authenticator
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder authenticator(Authenticator authenticator) {
        authenticators.add(Objects.requireNonNull(authenticator, "authenticator"));
        return this;
    }

    /**
     * Lets clients that can neither set headers nor send a first message pass the key in the
     * query string: {@code ws://host:5001/?key=...} (percent-decoded). Off by default: URLs end
     * up in proxy logs and browser history. The server never logs the query string.
     *
     * @param enabled whether {@code ?key=} is accepted
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder queryKeyAuth(boolean enabled) {
        this.queryKeyAuth = enabled;
        return this;
    }

    /**
     * Adds a status provider whose section appears in every status message.
     *
     * @param provider the provider; its section name is checked now
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder statusProvider(StatusProvider provider) {
        statusProviders.add(Objects.requireNonNull(provider, "provider"));
        return this;
    }

    /**
     * Turns the discovery of status providers with {@link ServiceLoader} on or off. Default: on.
     *
     * @param enabled whether to discover providers at start
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder statusProviderDiscovery(boolean enabled) {
        this.statusProviderDiscovery = enabled;
        return this;
    }

    /**
     * Sets how long a status tick waits for the status providers (all run in parallel). A provider
     * that takes longer is left out of that tick. Default: 100 ms.
     *
     * @param budget positive
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder statusProviderBudget(Duration budget) {
        this.statusProviderBudget = budget;
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
     * Routes client messages of a type of the host's to a handler.
     *
     * @param type the message type; built-in types ({@code status}, {@code ping}, {@code auth}, ...)
     *     are refused
     * @param handler the handler
     * @return this builder
     * @throws IllegalArgumentException if the type is malformed, built in, or already has a handler
     */
    public HydrogenWebSocketServerBuilder messageHandler(String type, MessageHandler handler) {
        io.hydrogen.ws.spi.Names.requireMessageType(type);
        Objects.requireNonNull(handler, "handler");
        if (messageHandlers.putIfAbsent(type, handler) != null) {
            throw new IllegalArgumentException("message type '" + type + "' already has a handler");
        }
        return this;
    }

    /**
     * Sets how the component and field names of the host's records and objects are spelled in JSON
     * (status sections, handler results, broadcasts, error details). Map keys are never renamed.
     * Default: {@link JsonNaming#SNAKE_CASE}, like the protocol's own fields.
     *
     * @param naming the naming policy
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder jsonNaming(JsonNaming naming) {
        this.jsonNaming = Objects.requireNonNull(naming, "naming");
        return this;
    }

    /**
     * Sets how many messages may wait in one connection's outbound queue. A client that lets more
     * pile up is closed with 1013. Status pushes never pile up (a waiting status is replaced by
     * the newer one), so this bounds replies and broadcasts. Default: 256.
     *
     * @param max 1 to 65536
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder maxQueuedMessages(int max) {
        this.maxQueuedMessages = max;
        return this;
    }

    /**
     * Sets how many payload bytes may wait in one connection's outbound queue before it is closed
     * with 1013. Default: 1 MiB.
     *
     * @param max 1 KiB to 1 GiB
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder maxQueuedBytes(long max) {
        this.maxQueuedBytes = max;
        return this;
    }

    /**
     * Sets how long a message may wait (or a write may stay unfinished) before its connection
     * counts as stuck and is closed with 1013. Default: 10 s.
     *
     * @param delay positive
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder maxQueueDelay(Duration delay) {
        this.maxQueueDelay = delay;
        return this;
    }

    /**
     * Sets how often the server pings every connection. A connection whose last pong is older than
     * the {@link #pongTimeout(Duration) pong timeout} is closed with 1001: this catches clients that
     * vanished without a close (a killed process, a pulled cable, a sleeping tablet), which the idle
     * timeout cannot while status pushes keep the connection busy. Default: 20 s;
     * {@link Duration#ZERO} turns pings off.
     *
     * @param interval zero, or at least 10 ms
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder pingInterval(Duration interval) {
        this.pingInterval = interval;
        return this;
    }

    /**
     * Sets how old a connection's last pong may get before it is closed with 1001. Default: two
     * ping intervals.
     *
     * @param timeout longer than the ping interval
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder pongTimeout(Duration timeout) {
        this.pongTimeout = timeout;
        return this;
    }

    /**
     * Caps the open WebSocket connections, pending or authenticated. Over the cap a handshake gets
     * HTTP 503 with code {@code server_busy}. Default: 16384.
     *
     * @param max at least 1
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder maxConnections(int max) {
        this.maxConnections = max;
        return this;
    }

    /**
     * Caps the connections waiting for in-band authentication (HTTP 503 {@code server_busy} over
     * it). Default: 256.
     *
     * @param max at least 1
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder maxPendingConnections(int max) {
        this.maxPendingConnections = max;
        return this;
    }

    /**
     * Caps the open connections from one client address (HTTP 503 {@code server_busy} over it).
     * Loopback clients are exempt: they run on this machine (use {@link #trustedProxy} so that a
     * local reverse proxy's clients are counted by their real address). Default: 1024.
     *
     * @param max at least 1
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder maxConnectionsPerAddress(int max) {
        this.maxConnectionsPerAddress = max;
        return this;
    }

    /**
     * Sets how many authentication failures one address may cause within the window before its
     * handshakes are refused with HTTP 429 ({@code too_many_auth_failures}, with
     * {@code Retry-After}) until the window has passed. Successful authentications never count.
     * Default: 20 per minute.
     *
     * @param maxFailures at least 1
     * @param window positive
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder authFailureLimit(int maxFailures, Duration window) {
        this.maxAuthFailures = maxFailures;
        this.authFailureWindow = window;
        return this;
    }

    /**
     * Adds a browser origin allowed to connect, for example {@code https://dashboard.example}
     * (protection against cross-site WebSocket hijacking). With none configured (the default) any
     * origin is allowed; with some, a handshake whose {@code Origin} is not listed gets HTTP 403
     * ({@code origin_not_allowed}). Handshakes without an {@code Origin} (non-browser clients) are
     * not affected.
     *
     * @param origin scheme, host and optional port, as browsers send it
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder allowedOrigin(String origin) {
        allowedOrigins.add(origin);
        return this;
    }

    /**
     * Trusts {@code X-Forwarded-For} and {@code Forwarded} headers from this reverse proxy address,
     * so that per-address limits and logs see the real client. Headers from other peers are
     * ignored.
     *
     * @param address an IP address literal, for example {@code 127.0.0.1}
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder trustedProxy(String address) {
        trustedProxies.add(address);
        return this;
    }

    /**
     * Sets how long a client may take to send its HTTP request and complete the upgrade (slowloris
     * protection); it is also the idle timeout of plain HTTP connections. The standalone server
     * applies it to its connector; an embedding host's connectors keep their own. Default: 10 s.
     *
     * @param timeout positive
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder handshakeTimeout(Duration timeout) {
        this.handshakeTimeout = timeout;
        return this;
    }

    /**
     * Sets how many messages per second one connection may send, with bursts of as many. Messages
     * over the rate are dropped; the client gets a {@code rate_limited} error (at most one per
     * second). Default: 100.
     *
     * @param max at least 1
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder maxMessagesPerSecond(int max) {
        this.maxMessagesPerSecond = max;
        return this;
    }

    /**
     * Serves {@code wss://} (TLS) with the certificate and private key in a PKCS#12 keystore, for
     * example one made with {@code keytool -genkeypair -storetype PKCS12 ...} or exported from a
     * certificate authority. The standalone server applies it to its connector; an embedding host
     * configures TLS on its own connectors. Default: plain {@code ws://}.
     *
     * @param keyStore a PKCS#12 file holding one private key entry with its certificate chain
     * @param password the keystore's password (copied; the caller may clear its array)
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder tls(Path keyStore, char[] password) {
        this.tlsKeyStore = Objects.requireNonNull(keyStore, "keyStore");
        this.tlsKeyStorePassword = Objects.requireNonNull(password, "password").clone();
        return this;
    }

    /**
     * Accepts the permessage-deflate extension when a client offers it (browsers always do).
     * Off by default: for small JSON it cost about 40 % of the throughput and 90 KB of memory per
     * connection in our measurements, for little saving on the wire.
     *
     * @param enabled whether compression may be negotiated
     * @return this builder
     */
    public HydrogenWebSocketServerBuilder permessageDeflate(boolean enabled) {
        this.permessageDeflate = enabled;
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
