package io.hydrogen.ws;

import io.hydrogen.ws.topics.TopicKind;
import io.hydrogen.ws.topics.Topics;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The host's own topics and the replay window of event topics. The built-in topics ({@code job},
 * {@code temperature}, {@code notification}, {@code status}) always exist.
 *
 * <p>Immutable and thread-safe. Set with {@link HydrogenWebSocketServerBuilder#topics(Consumer)}.
 */
public final class TopicsConfig {

    /** The default number of events an event topic keeps for replay. */
    public static final int DEFAULT_REPLAY_EVENTS = 1000;
    /** The default age beyond which an event is no longer kept for replay. */
    public static final Duration DEFAULT_REPLAY_AGE = Duration.ofMinutes(10);

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]{0,63}");
    private static final Set<String> BUILT_IN = Set.of(Topics.JOB, Topics.TEMPERATURE, Topics.NOTIFICATION,
            Topics.STATUS, Topics.CONTROL);

    /**
     * How much of each event topic is kept for clients that resume.
     *
     * @param maxEvents the most recent events kept
     * @param maxAge events older than this are dropped from the window
     */
    public record ReplayWindow(int maxEvents, Duration maxAge) {
    }

    /** The validated options: a snapshot that nothing changes any more. */
    private final Builder values;

    private TopicsConfig(Builder values) {
        this.values = values;
    }

    /** @return the host's topics, by name, in the order declared */
    public Map<String, TopicKind> topics() {
        return Collections.unmodifiableMap(values.topics);
    }

    /** @return how much of each event topic is kept for replay */
    public ReplayWindow replayWindow() {
        return values.replayWindow;
    }

    Builder toBuilder() {
        return values.snapshot();
    }

    @Override
    public String toString() {
        return "topics[topics=" + values.topics + ", replayWindow=" + replayWindow() + "]";
    }

    /**
     * Sets the options of a {@link TopicsConfig}. Every option has a default; {@code build()}
     * validates them all and names the option to fix. Not thread-safe.
     */
    public static final class Builder extends GroupBuilder<Builder> {

        private Map<String, TopicKind> topics = new LinkedHashMap<>();
        private ReplayWindow replayWindow = new ReplayWindow(DEFAULT_REPLAY_EVENTS, DEFAULT_REPLAY_AGE);

        Builder() {
        }

        /**
         * Declares a state topic of the host's; publish to it with {@code topics().state(name)}.
         *
         * @param name {@code [a-z][a-z0-9_.]{0,63}}, not a built-in topic, declared once
         * @return this builder
         * @throws IllegalArgumentException if the name is malformed, built in or declared already
         */
        public Builder stateTopic(String name) {
            return declare(name, TopicKind.STATE);
        }

        /**
         * Declares an event topic of the host's; emit to it with {@code topics().events(name)}.
         *
         * @param name {@code [a-z][a-z0-9_.]{0,63}}, not a built-in topic, declared once
         * @return this builder
         * @throws IllegalArgumentException if the name is malformed, built in or declared already
         */
        public Builder eventTopic(String name) {
            return declare(name, TopicKind.EVENT);
        }

        /**
         * Sets how much of each event topic is kept for clients that resume after a reconnect.
         * Default: the last 1000 events, none older than 10 minutes.
         *
         * @param maxEvents 1 to 1000000
         * @param maxAge positive, at most a day
         * @return this builder
         */
        public Builder replayWindow(int maxEvents, Duration maxAge) {
            this.replayWindow = new ReplayWindow(maxEvents, maxAge);
            return this;
        }

        private Builder declare(String name, TopicKind kind) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("topic names must match [a-z][a-z0-9_.]{0,63}, was "
                        + Check.quote(name));
            }
            if (BUILT_IN.contains(name)) {
                throw new IllegalArgumentException("topic '" + name + "' is built in; publish to it through topics()");
            }
            if (topics.putIfAbsent(name, Objects.requireNonNull(kind)) != null) {
                throw new IllegalArgumentException("topic '" + name + "' is declared twice");
            }
            return this;
        }

        TopicsConfig build() {
            Builder valid = snapshot();
            Check.range("replayWindow.maxEvents", replayWindow.maxEvents(), 1, 1_000_000);
            Check.positive("replayWindow.maxAge", replayWindow.maxAge());
            return new TopicsConfig(valid);
        }

        @Override
        Builder snapshot() {
            Builder copy = super.snapshot();
            copy.topics = new LinkedHashMap<>(topics);
            return copy;
        }
    }
}
