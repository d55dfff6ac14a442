package io.hydrogen.ws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the standalone server listens: the address, the port range, TLS and the handshake deadline
 * of its connector. A server mounted in the host's own Jetty ({@code HydrogenContextHandler}) binds
 * nothing and ignores this group: the host's connectors decide.
 *
 * <p>Immutable and thread-safe. Set with {@link HydrogenWebSocketServerBuilder#binding(Consumer)}.
 */
public final class BindingConfig {

    /** The default first port of the range: 5001, as documented. */
    public static final int DEFAULT_PORT = 5001;
    /** The default last port of the range: 5010. */
    public static final int DEFAULT_PORT_RANGE_END = 5010;

    /**
     * The validated options: a snapshot that nothing changes any more. Unset options stay unset,
     * so that a derived builder keeps their defaults following the options they depend on.
     */
    private final Builder values;

    private BindingConfig(Builder values) {
        this.values = values;
    }

    /** @return the address to bind: a host name or IP literal; {@code 0.0.0.0} or {@code ::} for all interfaces */
    public String host() {
        return values.host != null ? values.host : values.ipv6 ? "::" : "0.0.0.0";
    }

    /** @return whether IPv6 is enabled */
    public boolean ipv6() {
        return values.ipv6;
    }

    /** @return the first port to try; 0 for an ephemeral port */
    public int port() {
        return values.port;
    }

    /** @return the last port to try; equals {@link #port()} when only one port is tried, 0 with port 0 */
    public int portRangeEnd() {
        if (values.port == 0) {
            return 0;
        }
        return values.portRangeEnd != null ? values.portRangeEnd : Math.max(values.port, DEFAULT_PORT_RANGE_END);
    }

    /** @return the keystore that {@code wss://} is served with; empty for plain {@code ws://} */
    public Optional<Tls> tls() {
        return Optional.ofNullable(values.tls);
    }

    /** @return how long a client may take to complete the HTTP upgrade */
    public Duration handshakeTimeout() {
        return values.handshakeTimeout;
    }

    Builder toBuilder() {
        return values.snapshot();
    }

    @Override
    public String toString() {
        return "binding[host=" + host() + ", ipv6=" + ipv6() + ", port=" + port() + ", portRangeEnd=" + portRangeEnd()
                + ", tls=" + (values.tls == null ? "off" : values.tls) + ", handshakeTimeout=" + handshakeTimeout()
                + "]";
    }

    /**
     * A PKCS#12 keystore and its password: the certificate and private key of {@code wss://}.
     * Immutable; {@link #toString()} never shows the password.
     */
    public static final class Tls {

        private final Path keyStore;
        private final char[] password;

        private Tls(Path keyStore, char[] password) {
            this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
            this.password = Objects.requireNonNull(password, "password").clone();
        }

        /** @return the PKCS#12 file holding one private key entry with its certificate chain */
        public Path keyStore() {
            return keyStore;
        }

        /** @return a copy of the keystore's password; secret, never log it */
        public char[] password() {
            return password.clone();
        }

        @Override
        public String toString() {
            return keyStore + " (password hidden)";
        }
    }

    /**
     * Sets the options of a {@link BindingConfig}. Every option has a default; {@code build()}
     * validates them all and names the option to fix. Not thread-safe.
     */
    public static final class Builder extends GroupBuilder<Builder> {

        private String host;
        private boolean ipv6;
        private int port = DEFAULT_PORT;
        private Integer portRangeEnd;
        private Tls tls;
        private Duration handshakeTimeout = Duration.ofSeconds(10);

        Builder() {
        }

        /**
         * Sets the address to bind. Default: every interface, the wildcard {@code 0.0.0.0} (or
         * {@code ::} with {@link #ipv6(boolean) IPv6} on), which the JDK opens dual-stack wherever the
         * machine has IPv6: IPv6 clients are served either way.
         *
         * @param host a host name or IP literal ({@code [::1]} or {@code ::1}); {@code null} for all interfaces
         * @return this builder
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /**
         * Enables IPv6: required for an IPv6 {@link #host(String) host} such as {@code ::1}. With no
         * host the server binds {@code ::} rather than {@code 0.0.0.0}; both are dual-stack wherever
         * the machine has IPv6. Default: off.
         *
         * @param enabled whether IPv6 is enabled
         * @return this builder
         */
        public Builder ipv6(boolean enabled) {
            this.ipv6 = enabled;
            return this;
        }

        /**
         * Sets the first port to try. Default: 5001. {@code 0} binds an ephemeral port (the range
         * end is then ignored).
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
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
        public Builder portRangeEnd(int portRangeEnd) {
            this.portRangeEnd = portRangeEnd;
            return this;
        }

        /**
         * Serves {@code wss://} (TLS) with the certificate and private key in a PKCS#12 keystore,
         * for example one made with {@code keytool -genkeypair -storetype PKCS12 ...} or exported
         * from a certificate authority. An embedding host configures TLS on its own connectors.
         * Default: plain {@code ws://}.
         *
         * @param keyStore a readable PKCS#12 file holding one private key entry with its certificate chain
         * @param password the keystore's password (copied; the caller may clear its array)
         * @return this builder
         */
        public Builder tls(Path keyStore, char[] password) {
            this.tls = new Tls(keyStore, password);
            return this;
        }

        /**
         * Sets how long a client may take to send its HTTP request and complete the upgrade
         * (slowloris protection); it is also the idle timeout of plain HTTP connections. It applies
         * to the standalone server's connector; an embedding host's connectors keep their own.
         * Default: 10 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = timeout;
            return this;
        }

        BindingConfig build() {
            Builder valid = snapshot();
            valid.host = validHost(host, ipv6);
            Check.range("port", port, 0, 65535);
            if (port != 0 && portRangeEnd != null && (portRangeEnd < port || portRangeEnd > 65535)) {
                throw new IllegalArgumentException("portRangeEnd must be between port (" + port + ") and 65535, was "
                        + portRangeEnd);
            }
            if (tls != null && !Files.isReadable(tls.keyStore)) {
                throw new IllegalArgumentException("tls keyStore " + tls.keyStore + " is not a readable file");
            }
            Check.positive("handshakeTimeout", handshakeTimeout);
            return new BindingConfig(valid);
        }

        /** @return the host without brackets, or {@code null} for all interfaces */
        private static String validHost(String host, boolean ipv6) {
            if (host == null) {
                return null;
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
    }
}
