package io.hydrogen.ws;

import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.HydrogenEventListener;
import io.hydrogen.ws.spi.MessageHandler;
import io.hydrogen.ws.spi.Names;
import io.hydrogen.ws.spi.StatusProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The validated, immutable configuration of a server; made by
 * {@link HydrogenWebSocketServerBuilder}. {@link #toString()} never shows the API keys.
 */
public final class ServerConfig {

    private static final int MAX_MESSAGE_BYTES_LIMIT = 64 * 1024 * 1024;
    /** No duration option makes sense beyond a day, and a cap keeps nanosecond arithmetic safe. */
    private static final Duration MAX_DURATION = Duration.ofDays(1);

    private final String host;
    private final boolean ipv6;
    private final int port;
    private final int portRangeEnd;
    private final String path;
    private final String protocol;
    private final List<String> apiKeys;
    private final boolean inBandAuth;
    private final Duration authTimeout;
    private final Duration statusInterval;
    private final int maxMessageBytes;
    private final Duration exitWait;
    private final Duration idleTimeout;
    private final List<Authenticator> authenticators;
    private final boolean queryKeyAuth;
    private final List<StatusProvider> statusProviders;
    private final boolean statusProviderDiscovery;
    private final Duration statusProviderBudget;
    private final List<HydrogenEventListener> eventListeners;
    private final Map<String, MessageHandler> messageHandlers;
    private final int maxQueuedMessages;
    private final long maxQueuedBytes;
    private final Duration maxQueueDelay;
    private final boolean permessageDeflate;
    private final Duration pingInterval;
    private final Duration pongTimeout;
    private final int maxConnections;
    private final int maxPendingConnections;
    private final int maxConnectionsPerAddress;
    private final int maxAuthFailures;
    private final Duration authFailureWindow;
    private final List<String> allowedOrigins;
    private final List<String> trustedProxies;
    private final Duration handshakeTimeout;
    private final int maxMessagesPerSecond;
    private final Path tlsKeyStore;
    private final char[] tlsKeyStorePassword;
    private final JsonNaming jsonNaming;

    ServerConfig(HydrogenWebSocketServerBuilder b) {
        this.ipv6 = b.ipv6;
        this.host = validateHost(b.host, b.ipv6);
        this.port = requireRange("port", b.port, 0, 65535);
        this.portRangeEnd = port == 0 ? 0 : validateRangeEnd(b.portRangeEnd, port);
        this.path = validatePath(b.path);
        this.protocol = validateProtocol(b.protocol);
        this.authenticators = List.copyOf(b.authenticators);
        this.apiKeys = validateKeys(b.apiKeys, !authenticators.isEmpty());
        this.inBandAuth = b.inBandAuth;
        this.authTimeout = requirePositive("authTimeout", b.authTimeout);
        this.statusInterval = validateStatusInterval(b.statusInterval);
        this.maxMessageBytes = requireRange("maxMessageBytes", b.maxMessageBytes, 1, MAX_MESSAGE_BYTES_LIMIT);
        this.exitWait = requireNotNegative("exitWait", b.exitWait);
        this.idleTimeout = requirePositive("idleTimeout", b.idleTimeout);
        this.queryKeyAuth = b.queryKeyAuth;
        this.statusProviders = validateStatusProviders(b.statusProviders);
        this.statusProviderDiscovery = b.statusProviderDiscovery;
        this.statusProviderBudget = requirePositive("statusProviderBudget", b.statusProviderBudget);
        this.eventListeners = List.copyOf(b.eventListeners);
        this.messageHandlers = Collections.unmodifiableMap(new LinkedHashMap<>(b.messageHandlers));
        this.maxQueuedMessages = requireRange("maxQueuedMessages", b.maxQueuedMessages, 1, 65536);
        if (b.maxQueuedBytes < 1024 || b.maxQueuedBytes > (1L << 30)) {
            throw new IllegalArgumentException("maxQueuedBytes must be between 1024 and 1073741824, was "
                    + b.maxQueuedBytes);
        }
        this.maxQueuedBytes = b.maxQueuedBytes;
        this.maxQueueDelay = requirePositive("maxQueueDelay", b.maxQueueDelay);
        this.permessageDeflate = b.permessageDeflate;
        this.pingInterval = requireNotNegative("pingInterval", b.pingInterval);
        if (!pingInterval.isZero() && pingInterval.toMillis() < 10) {
            throw new IllegalArgumentException("pingInterval must be zero (off) or at least 10 ms, was " + pingInterval);
        }
        this.pongTimeout = b.pongTimeout == null ? pingInterval.multipliedBy(2)
                : requirePositive("pongTimeout", b.pongTimeout);
        if (!pingInterval.isZero() && pongTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("pongTimeout (" + pongTimeout + ") must be longer than pingInterval ("
                    + pingInterval + ")");
        }
        this.maxConnections = requireRange("maxConnections", b.maxConnections, 1, 1_000_000);
        this.maxPendingConnections = requireRange("maxPendingConnections", b.maxPendingConnections, 1, 1_000_000);
        this.maxConnectionsPerAddress = requireRange("maxConnectionsPerAddress", b.maxConnectionsPerAddress, 1,
                1_000_000);
        this.maxAuthFailures = requireRange("maxAuthFailures", b.maxAuthFailures, 1, 1_000_000);
        this.authFailureWindow = requirePositive("authFailureWindow", b.authFailureWindow);
        this.allowedOrigins = validateOrigins(b.allowedOrigins);
        this.trustedProxies = validateProxies(b.trustedProxies);
        this.handshakeTimeout = requirePositive("handshakeTimeout", b.handshakeTimeout);
        this.maxMessagesPerSecond = requireRange("maxMessagesPerSecond", b.maxMessagesPerSecond, 1, 1_000_000);
        if (b.tlsKeyStore != null && !Files.isReadable(b.tlsKeyStore)) {
            throw new IllegalArgumentException("tls keyStore " + b.tlsKeyStore + " is not a readable file");
        }
        this.tlsKeyStore = b.tlsKeyStore;
        this.tlsKeyStorePassword = b.tlsKeyStorePassword == null ? null : b.tlsKeyStorePassword.clone();
        this.jsonNaming = b.jsonNaming;
    }

    /** @return the address to bind: a host name or IP literal; {@code 0.0.0.0} or {@code ::} for all interfaces */
    public String host() {
        return host;
    }

    /** @return whether IPv6 is enabled */
    public boolean ipv6() {
        return ipv6;
    }

    /** @return the first port to try; 0 for an ephemeral port */
    public int port() {
        return port;
    }

    /** @return the last port to try; equals {@link #port()} when only one port is tried, 0 with port 0 */
    public int portRangeEnd() {
        return portRangeEnd;
    }

    /** @return the exact path of the WebSocket endpoint */
    public String path() {
        return path;
    }

    /** @return the subprotocol clients must offer */
    public String protocol() {
        return protocol;
    }

    /** @return the accepted API keys, in the order given; secret, never log them */
    public List<String> apiKeys() {
        return apiKeys;
    }

    /** @return whether clients without an {@code Authorization} header may authenticate in-band */
    public boolean inBandAuth() {
        return inBandAuth;
    }

    /** @return how long a pending connection may take to authenticate in-band */
    public Duration authTimeout() {
        return authTimeout;
    }

    /** @return the status push interval; {@link Duration#ZERO} when the periodic push is off */
    public Duration statusInterval() {
        return statusInterval;
    }

    /** @return the largest inbound message in UTF-8 bytes */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** @return how long {@code close()} waits for clients to close */
    public Duration exitWait() {
        return exitWait;
    }

    /** @return how long a silent connection stays open */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** @return the host's authenticators, asked in this order before the built-in key check */
    public List<Authenticator> authenticators() {
        return authenticators;
    }

    /** @return whether a key in the query string ({@code ?key=}) is accepted */
    public boolean queryKeyAuth() {
        return queryKeyAuth;
    }

    /** @return the status providers registered on the builder (discovered ones are added at start) */
    public List<StatusProvider> statusProviders() {
        return statusProviders;
    }

    /** @return whether status providers are discovered with {@code ServiceLoader} at start */
    public boolean statusProviderDiscovery() {
        return statusProviderDiscovery;
    }

    /** @return how long a status tick waits for the status providers */
    public Duration statusProviderBudget() {
        return statusProviderBudget;
    }

    /** @return the event listeners */
    public List<HydrogenEventListener> eventListeners() {
        return eventListeners;
    }

    /** @return how many messages may wait in one connection's outbound queue */
    public int maxQueuedMessages() {
        return maxQueuedMessages;
    }

    /** @return how many payload bytes may wait in one connection's outbound queue */
    public long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    /** @return how long a message may wait, or a write stay unfinished, before the client counts as stuck */
    public Duration maxQueueDelay() {
        return maxQueueDelay;
    }

    /** @return how often the server pings every connection; zero when pings are off */
    public Duration pingInterval() {
        return pingInterval;
    }

    /** @return how old a connection's last pong may get before it is closed with 1001 */
    public Duration pongTimeout() {
        return pongTimeout;
    }

    /** @return the cap on open connections */
    public int maxConnections() {
        return maxConnections;
    }

    /** @return the cap on connections waiting for in-band authentication */
    public int maxPendingConnections() {
        return maxPendingConnections;
    }

    /** @return the cap on open connections per client address (loopback exempt) */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /** @return how many authentication failures one address may cause within the window */
    public int maxAuthFailures() {
        return maxAuthFailures;
    }

    /** @return the window of {@link #maxAuthFailures()} */
    public Duration authFailureWindow() {
        return authFailureWindow;
    }

    /** @return the browser origins allowed to connect; empty: any */
    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** @return the reverse proxy addresses whose forwarding headers are trusted */
    public List<String> trustedProxies() {
        return trustedProxies;
    }

    /** @return how long a client may take to complete the HTTP upgrade */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** @return how many messages per second one connection may send */
    public int maxMessagesPerSecond() {
        return maxMessagesPerSecond;
    }

    /** @return the PKCS#12 keystore for {@code wss://}, or {@code null} for plain {@code ws://} */
    public Path tlsKeyStore() {
        return tlsKeyStore;
    }

    /** @return a copy of the keystore password, or {@code null} without TLS; secret, never log it */
    public char[] tlsKeyStorePassword() {
        return tlsKeyStorePassword == null ? null : tlsKeyStorePassword.clone();
    }

    /** @return whether permessage-deflate may be negotiated */
    public boolean permessageDeflate() {
        return permessageDeflate;
    }

    /** @return the host's message handlers by type, in registration order */
    public Map<String, MessageHandler> messageHandlers() {
        return messageHandlers;
    }

    /** @return how record component and field names are spelled in JSON */
    public JsonNaming jsonNaming() {
        return jsonNaming;
    }

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", ipv6=" + ipv6 + ", port=" + port + ", portRangeEnd=" + portRangeEnd
                + ", path=" + path + ", protocol=" + protocol + ", apiKeys=" + apiKeys.size() + " (hidden)"
                + ", inBandAuth=" + inBandAuth + ", authTimeout=" + authTimeout + ", statusInterval=" + statusInterval
                + ", maxMessageBytes=" + maxMessageBytes + ", exitWait=" + exitWait + ", idleTimeout=" + idleTimeout
                + ", authenticators=" + authenticators.size() + ", queryKeyAuth=" + queryKeyAuth
                + ", statusProviders=" + statusProviders.size() + ", statusProviderDiscovery=" + statusProviderDiscovery
                + ", statusProviderBudget=" + statusProviderBudget + ", eventListeners=" + eventListeners.size()
                + ", messageHandlers=" + messageHandlers.keySet() + ", maxQueuedMessages=" + maxQueuedMessages
                + ", maxQueuedBytes=" + maxQueuedBytes + ", maxQueueDelay=" + maxQueueDelay
                + ", permessageDeflate=" + permessageDeflate + ", pingInterval=" + pingInterval
                + ", pongTimeout=" + pongTimeout + ", maxConnections=" + maxConnections + ", maxPendingConnections="
                + maxPendingConnections + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress
                + ", authFailureLimit=" + maxAuthFailures + "/" + authFailureWindow + ", allowedOrigins="
                + allowedOrigins + ", trustedProxies=" + trustedProxies + ", handshakeTimeout=" + handshakeTimeout
                + ", maxMessagesPerSecond=" + maxMessagesPerSecond + ", tls=" + (tlsKeyStore == null ? "off"
                : tlsKeyStore + " (password hidden)") + "]";
    }

    private static String validateHost(String host, boolean ipv6) {
        if (host == null) {
            return ipv6 ? "::" : "0.0.0.0";
        }
        String trimmed = host.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("host must not be blank; use null for all interfaces");
        }
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        if (trimmed.contains(":") && !ipv6) {
            throw new IllegalArgumentException("host '" + trimmed + "' is an IPv6 address: enable ipv6(true) to use it");
        }
        return trimmed;
    }

    private static int validateRangeEnd(Integer rangeEnd, int port) {
        if (rangeEnd == null) {
            return Math.max(port, HydrogenWebSocketServerBuilder.DEFAULT_PORT_RANGE_END);
        }
        if (rangeEnd < port || rangeEnd > 65535) {
            throw new IllegalArgumentException("portRangeEnd must be between port (" + port + ") and 65535, was "
                    + rangeEnd);
        }
        return rangeEnd;
    }

    private static String validatePath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', was " + quote(path));
        }
        for (char c : path.toCharArray()) {
            if (c == '*' || c == '?' || c == '#' || c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("path must be a plain absolute path without wildcards, query, "
                        + "fragment or spaces, was " + quote(path));
            }
        }
        if (path.equals(HydrogenWebSocketServer.SYSTEM_INFO_PATH)) {
            throw new IllegalArgumentException("path " + HydrogenWebSocketServer.SYSTEM_INFO_PATH + " is taken by the system info endpoint");
        }
        return path;
    }

    private static String validateProtocol(String protocol) {
        if (protocol == null || protocol.isEmpty()) {
            throw new IllegalArgumentException("protocol must not be empty");
        }
        for (char c : protocol.toCharArray()) {
            if (!isTokenChar(c)) {
                throw new IllegalArgumentException("protocol must be an HTTP token (letters, digits, "
                        + "!#$%&'*+-.^_`|~), was " + quote(protocol));
            }
        }
        return protocol;
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static List<String> validateKeys(List<String> keys, boolean hasAuthenticators) {
        if (keys.isEmpty() && !hasAuthenticators) {
            throw new IllegalArgumentException("at least one apiKey is required (or an authenticator)");
        }
        for (int i = 0; i < keys.size(); i++) {
            Names.requireApiKey(keys.get(i), "apiKey #" + (i + 1));
        }
        return List.copyOf(keys);
    }

    private static List<String> validateOrigins(List<String> origins) {
        for (String origin : origins) {
            if (origin == null || !origin.matches("[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#\\s]+")) {
                throw new IllegalArgumentException("allowedOrigin must be scheme://host[:port] without a path, was "
                        + quote(origin));
            }
        }
        return origins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> validateProxies(List<String> proxies) {
        for (String proxy : proxies) {
            if (proxy == null || !proxy.matches("[0-9a-fA-F.:]+")) {
                throw new IllegalArgumentException("trustedProxy must be an IP address literal, was " + quote(proxy));
            }
        }
        return List.copyOf(proxies);
    }

    private static List<StatusProvider> validateStatusProviders(List<StatusProvider> providers) {
        Set<String> sections = new HashSet<>();
        for (StatusProvider provider : providers) {
            String section = Names.requireStatusSection(provider.section());
            if (!sections.add(section)) {
                throw new IllegalArgumentException("two status providers use the section name '" + section + "'");
            }
        }
        return List.copyOf(providers);
    }

    private static Duration validateStatusInterval(Duration interval) {
        requireNotNegative("statusInterval", interval);
        if (!interval.isZero() && interval.toMillis() < 1) {
            throw new IllegalArgumentException("statusInterval must be zero (off) or at least 1 ms, was " + interval);
        }
        return interval;
    }

    private static int requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be between %d and %d, was %d",
                    name, min, max, value));
        }
        return value;
    }

    private static Duration requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return requireAtMostADay(name, value);
    }

    private static Duration requireNotNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, was " + value);
        }
        return requireAtMostADay(name, value);
    }

    private static Duration requireAtMostADay(String name, Duration value) {
        if (value.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_DURATION + ", was " + value);
        }
        return value;
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
