package io.hydrogen.ws;

import java.util.function.Consumer;

/**
 * How much the clients may ask of the server: the size and rate of inbound messages and the caps on
 * connections. Over a connection cap a handshake gets HTTP 503 with code {@code server_busy}.
 *
 * <p>Immutable and thread-safe. Set with {@link HydrogenWebSocketServerBuilder#limits(Consumer)}.
 */
public final class LimitsConfig {

    /** The default inbound message limit: 64 KiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
    private static final int MAX_MESSAGE_BYTES_LIMIT = 64 * 1024 * 1024;

    /** The validated options: a snapshot that nothing changes any more. */
    private final Builder values;

    private LimitsConfig(Builder values) {
        this.values = values;
    }

    /** @return the largest inbound message in UTF-8 bytes */
    public int maxMessageBytes() {
        return values.maxMessageBytes;
    }

    /** @return how many messages per second one connection may send */
    public int maxMessagesPerSecond() {
        return values.maxMessagesPerSecond;
    }

    /** @return the cap on open connections */
    public int maxConnections() {
        return values.maxConnections;
    }

    /** @return the cap on connections waiting for in-band authentication */
    public int maxPendingConnections() {
        return values.maxPendingConnections;
    }

    /** @return the cap on open connections per client address (loopback exempt) */
    public int maxConnectionsPerAddress() {
        return values.maxConnectionsPerAddress;
    }

    Builder toBuilder() {
        return values.snapshot();
    }

    @Override
    public String toString() {
        return "limits[maxMessageBytes=" + maxMessageBytes() + ", maxMessagesPerSecond=" + maxMessagesPerSecond()
                + ", maxConnections=" + maxConnections() + ", maxPendingConnections=" + maxPendingConnections()
                + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress() + "]";
    }

    /**
     * Sets the options of a {@link LimitsConfig}. Every option has a default; {@code build()}
     * validates them all and names the option to fix. Not thread-safe.
     */
    public static final class Builder extends GroupBuilder<Builder> {

        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int maxMessagesPerSecond = 100;
        private int maxConnections = 16_384;
        private int maxPendingConnections = 256;
        private int maxConnectionsPerAddress = 1024;

        Builder() {
        }

        /**
         * Sets the largest inbound message, in bytes of UTF-8 (fragments counted together). A
         * larger message is answered with {@code invalid_message} and close code 1009. Default:
         * 64 KiB.
         *
         * @param maxBytes 1 to 64 MiB
         * @return this builder
         */
        public Builder maxMessageBytes(int maxBytes) {
            this.maxMessageBytes = maxBytes;
            return this;
        }

        /**
         * Sets how many messages per second one connection may send, with bursts of as many.
         * Messages over the rate are dropped; the client gets a {@code rate_limited} error (at most
         * one per second). Default: 100.
         *
         * @param max 1 to 1000000
         * @return this builder
         */
        public Builder maxMessagesPerSecond(int max) {
            this.maxMessagesPerSecond = max;
            return this;
        }

        /**
         * Caps the open WebSocket connections, pending or authenticated. Over the cap a handshake
         * gets HTTP 503 with code {@code server_busy}. Default: 16384.
         *
         * @param max 1 to 1000000
         * @return this builder
         */
        public Builder maxConnections(int max) {
            this.maxConnections = max;
            return this;
        }

        /**
         * Caps the connections waiting for in-band authentication (HTTP 503 {@code server_busy}
         * over it). Default: 256.
         *
         * @param max 1 to 1000000
         * @return this builder
         */
        public Builder maxPendingConnections(int max) {
            this.maxPendingConnections = max;
            return this;
        }

        /**
         * Caps the open connections from one client address (HTTP 503 {@code server_busy} over
         * it). Loopback clients are exempt: they run on this machine (use
         * {@link AuthConfig.Builder#trustedProxy(String)} so that a local reverse proxy's clients
         * are counted by their real address). Default: 1024.
         *
         * @param max 1 to 1000000
         * @return this builder
         */
        public Builder maxConnectionsPerAddress(int max) {
            this.maxConnectionsPerAddress = max;
            return this;
        }

        LimitsConfig build() {
            Check.range("maxMessageBytes", maxMessageBytes, 1, MAX_MESSAGE_BYTES_LIMIT);
            Check.range("maxMessagesPerSecond", maxMessagesPerSecond, 1, 1_000_000);
            Check.range("maxConnections", maxConnections, 1, 1_000_000);
            Check.range("maxPendingConnections", maxPendingConnections, 1, 1_000_000);
            Check.range("maxConnectionsPerAddress", maxConnectionsPerAddress, 1, 1_000_000);
            return new LimitsConfig(snapshot());
        }
    }
}
