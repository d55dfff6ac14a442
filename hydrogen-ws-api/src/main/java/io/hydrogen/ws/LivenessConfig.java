package io.hydrogen.ws;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How the server notices clients that are gone: pings with a pong deadline, and an idle timeout.
 *
 * <p>Immutable and thread-safe. Set with {@link HydrogenWebSocketServerBuilder#liveness(Consumer)}.
 */
public final class LivenessConfig {

    /**
     * The validated options: a snapshot that nothing changes any more. An unset pong timeout stays
     * unset, so that a derived builder keeps it at two ping intervals.
     */
    private final Builder values;

    private LivenessConfig(Builder values) {
        this.values = values;
    }

    /** @return how often the server pings every connection; zero when pings are off */
    public Duration pingInterval() {
        return values.pingInterval;
    }

    /** @return how old a connection's last pong may get before it is closed with 1001 */
    public Duration pongTimeout() {
        return values.pongTimeout != null ? values.pongTimeout : values.pingInterval.multipliedBy(2);
    }

    /** @return how long a silent connection stays open */
    public Duration idleTimeout() {
        return values.idleTimeout;
    }

    Builder toBuilder() {
        return values.snapshot();
    }

    @Override
    public String toString() {
        return "liveness[pingInterval=" + pingInterval() + ", pongTimeout=" + pongTimeout() + ", idleTimeout="
                + idleTimeout() + "]";
    }

    /**
     * Sets the options of a {@link LivenessConfig}. Every option has a default; {@code build()}
     * validates them all and names the option to fix. Not thread-safe.
     */
    public static final class Builder extends GroupBuilder<Builder> {

        private Duration pingInterval = Duration.ofSeconds(20);
        private Duration pongTimeout;
        private Duration idleTimeout = Duration.ofMinutes(5);

        Builder() {
        }

        /**
         * Sets how often the server pings every connection. A connection whose last pong is older
         * than the {@link #pongTimeout(Duration) pong timeout} is closed with 1001: this catches
         * clients that vanished without a close (a killed process, a pulled cable, a sleeping
         * tablet), which the idle timeout cannot while status pushes keep the connection busy.
         * Default: 20 s; {@link Duration#ZERO} turns pings off.
         *
         * @param interval zero, or at least 10 ms
         * @return this builder
         */
        public Builder pingInterval(Duration interval) {
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
        public Builder pongTimeout(Duration timeout) {
            this.pongTimeout = timeout;
            return this;
        }

        /**
         * Sets how long a connection may be silent in both directions before it is closed with
         * 1001. Status pushes count as traffic. Default: 5 minutes.
         *
         * @param idleTimeout positive
         * @return this builder
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        LivenessConfig build() {
            Check.zeroOrAtLeast("pingInterval", pingInterval, 10);
            if (pongTimeout != null) {
                Check.positive("pongTimeout", pongTimeout);
            }
            LivenessConfig config = new LivenessConfig(snapshot());
            if (!pingInterval.isZero() && config.pongTimeout().compareTo(pingInterval) <= 0) {
                throw new IllegalArgumentException("pongTimeout (" + config.pongTimeout()
                        + ") must be longer than pingInterval (" + pingInterval + ")");
            }
            Check.positive("idleTimeout", idleTimeout);
            return config;
        }
    }
}
