package io.hydrogen.ws;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The validated, immutable configuration of a server; made by
 * {@link HydrogenWebSocketServerBuilder}. {@link #toString()} never shows the API keys.
 */
public final class ServerConfig {

    private static final int MAX_MESSAGE_BYTES_LIMIT = 64 * 1024 * 1024;

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

    ServerConfig(HydrogenWebSocketServerBuilder b) {
        this.ipv6 = b.ipv6;
        this.host = validateHost(b.host, b.ipv6);
        this.port = requireRange("port", b.port, 0, 65535);
        this.portRangeEnd = port == 0 ? 0 : validateRangeEnd(b.portRangeEnd, port);
        this.path = validatePath(b.path);
        this.protocol = validateProtocol(b.protocol);
        this.apiKeys = validateKeys(b.apiKeys);
        this.inBandAuth = b.inBandAuth;
        this.authTimeout = requirePositive("authTimeout", b.authTimeout);
        this.statusInterval = validateStatusInterval(b.statusInterval);
        this.maxMessageBytes = requireRange("maxMessageBytes", b.maxMessageBytes, 1, MAX_MESSAGE_BYTES_LIMIT);
        this.exitWait = requireNotNegative("exitWait", b.exitWait);
        this.idleTimeout = requirePositive("idleTimeout", b.idleTimeout);
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

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", ipv6=" + ipv6 + ", port=" + port + ", portRangeEnd=" + portRangeEnd
                + ", path=" + path + ", protocol=" + protocol + ", apiKeys=" + apiKeys.size() + " (hidden)"
                + ", inBandAuth=" + inBandAuth + ", authTimeout=" + authTimeout + ", statusInterval=" + statusInterval
                + ", maxMessageBytes=" + maxMessageBytes + ", exitWait=" + exitWait + ", idleTimeout=" + idleTimeout
                + "]";
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

    private static List<String> validateKeys(List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one apiKey is required");
        }
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("apiKey #" + (i + 1) + " is empty");
            }
            for (int j = 0; j < key.length(); j++) {
                char c = key.charAt(j);
                if (c < 0x21 || c > 0x7e) {
                    // Never echo the key itself: say where the bad character is.
                    throw new IllegalArgumentException("apiKey #" + (i + 1) + " must be printable ASCII without "
                            + "spaces; character " + (j + 1) + " is not");
                }
            }
        }
        return List.copyOf(keys);
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
        return value;
    }

    private static Duration requireNotNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, was " + value);
        }
        return value;
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
