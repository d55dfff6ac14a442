package io.hydrogen.ws.jetty.internal.topics;

import com.google.gson.JsonObject;
import io.hydrogen.ws.topics.StateTopic;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A state topic as hosts publish to it: the current value (copy-on-write, never modified once
 * published), its sequence number and time. Publishing converts the value on the caller's thread
 * and only hands the topic to the engine; the engine's subscription groups live here too but are
 * touched by the engine's thread alone.
 *
 * @param <T> what the host publishes
 */
final class HostStateTopic<T> implements StateTopic<T> {

    /**
     * One publication, as read at one moment.
     *
     * @param seq its sequence number (0: nothing published yet)
     * @param timestampMillis when it was published (the topic's creation before the first)
     * @param value the value; never modified
     */
    record Published(long seq, long timestampMillis, JsonObject value) {
    }

    private final String name;
    private final Function<? super T, ?> toPlain;
    private final TopicEngine engine;
    private Published current; // guarded by this

    /** Set while a fan-out of this topic is waiting on the engine's thread. */
    final AtomicBoolean fanOutQueued = new AtomicBoolean();
    /** The subscription groups by options; engine thread only. */
    final Map<SubscriptionOptions, StateGroup> groups = new HashMap<>();

    HostStateTopic(String name, Function<? super T, ?> toPlain, TopicEngine engine) {
        this.name = name;
        this.toPlain = toPlain;
        this.engine = engine;
        this.current = new Published(0, System.currentTimeMillis(), new JsonObject());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long publish(T value) {
        JsonObject tree = engine.toObject(toPlain.apply(Objects.requireNonNull(value, "value")), name);
        long seq;
        synchronized (this) {
            seq = current.seq() + 1;
            current = new Published(seq, System.currentTimeMillis(), tree);
        }
        engine.stateChanged(this);
        return seq;
    }

    @Override
    public long update(Map<String, ?> partial) {
        JsonObject patch = engine.toObject(Objects.requireNonNull(partial, "partial"), name);
        long seq;
        synchronized (this) {
            seq = current.seq() + 1;
            current = new Published(seq, System.currentTimeMillis(),
                    MergePatch.apply(current.value(), patch).getAsJsonObject());
        }
        engine.stateChanged(this);
        return seq;
    }

    @Override
    public synchronized long seq() {
        return current.seq();
    }

    /** @return the latest publication */
    synchronized Published current() {
        return current;
    }
}
