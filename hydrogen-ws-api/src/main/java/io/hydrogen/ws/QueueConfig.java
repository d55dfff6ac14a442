package io.hydrogen.ws;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The bounds of each connection's outbound queue. A client that lets more pile up, or lets a
 * message wait too long, is closed with 1013 and may reconnect. Status pushes never pile up (a
 * waiting status is replaced by the newer one), so these bound replies and broadcasts; memory per
 * connection is bounded by {@link #maxQueuedBytes()} plus the message being written.
 *
 * <p>Immutable and thread-safe. Set with {@link HydrogenWebSocketServerBuilder#queues(Consumer)}.
 */
public final class QueueConfig {

    /** The validated options: a snapshot that nothing changes any more. */
    private final Builder values;

    private QueueConfig(Builder values) {
        this.values = values;
    }

    /** @return how many messages may wait in one connection's outbound queue */
    public int maxQueuedMessages() {
        return values.maxQueuedMessages;
    }

    /** @return how many payload bytes may wait in one connection's outbound queue */
    public long maxQueuedBytes() {
        return values.maxQueuedBytes;
    }

    /** @return how long a message may wait, or a write stay unfinished, before the client counts as stuck */
    public Duration maxQueueDelay() {
        return values.maxQueueDelay;
    }

    Builder toBuilder() {
        return values.snapshot();
    }

    @Override
    public String toString() {
        return "queues[maxQueuedMessages=" + maxQueuedMessages() + ", maxQueuedBytes=" + maxQueuedBytes()
                + ", maxQueueDelay=" + maxQueueDelay() + "]";
    }

    /**
     * Sets the options of a {@link QueueConfig}. Every option has a default; {@code build()}
     * validates them all and names the option to fix. Not thread-safe.
     */
    public static final class Builder extends GroupBuilder<Builder> {

        private int maxQueuedMessages = 256;
        private long maxQueuedBytes = 1024 * 1024;
        private Duration maxQueueDelay = Duration.ofSeconds(10);

        Builder() {
        }

        /**
         * Sets how many messages may wait in one connection's outbound queue. A client that lets
         * more pile up is closed with 1013. Default: 256.
         *
         * @param max 1 to 65536
         * @return this builder
         */
        public Builder maxQueuedMessages(int max) {
            this.maxQueuedMessages = max;
            return this;
        }

        /**
         * Sets how many payload bytes may wait in one connection's outbound queue before it is
         * closed with 1013. Default: 1 MiB.
         *
         * @param max 1 KiB to 1 GiB
         * @return this builder
         */
        public Builder maxQueuedBytes(long max) {
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
        public Builder maxQueueDelay(Duration delay) {
            this.maxQueueDelay = delay;
            return this;
        }

        QueueConfig build() {
            Check.range("maxQueuedMessages", maxQueuedMessages, 1, 65536);
            Check.range("maxQueuedBytes", maxQueuedBytes, 1024, 1L << 30);
            Check.positive("maxQueueDelay", maxQueueDelay);
            return new QueueConfig(snapshot());
        }
    }
}
