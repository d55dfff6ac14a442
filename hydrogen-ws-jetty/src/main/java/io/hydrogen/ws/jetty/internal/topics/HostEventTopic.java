package io.hydrogen.ws.jetty.internal.topics;

import com.google.gson.JsonObject;
import io.hydrogen.ws.topics.EventTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * An event topic as hosts emit to it: each event is converted and encoded once, on the caller's
 * thread, and kept in the replay window that live delivery and resumes share. Its subscriptions
 * live here too but are touched by the engine's thread alone.
 *
 * @param <T> what the host emits
 */
final class HostEventTopic<T> implements EventTopic<T> {

    private final String name;
    private final Function<? super T, ?> toPlain;
    private final TopicEngine engine;
    private final ReplayWindow window; // guarded by this
    private long seq;                  // guarded by this

    /** Set while a fan-out of this topic is waiting on the engine's thread. */
    final AtomicBoolean fanOutQueued = new AtomicBoolean();
    /** The subscriptions; engine thread only. */
    final List<EventSubscription> subscriptions = new ArrayList<>();

    HostEventTopic(String name, Function<? super T, ?> toPlain, TopicEngine engine, int maxEvents,
            long maxAgeNanos) {
        this.name = name;
        this.toPlain = toPlain;
        this.engine = engine;
        this.window = new ReplayWindow(maxEvents, maxAgeNanos);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long emit(T event) {
        JsonObject data = engine.toObject(toPlain.apply(Objects.requireNonNull(event, "event")), name);
        long emitted;
        synchronized (this) {
            emitted = ++seq;
            window.add(new ReplayWindow.Entry(emitted, System.nanoTime(),
                    TopicMessages.publication("event", name, emitted, System.currentTimeMillis(), data)));
        }
        engine.eventEmitted(this);
        return emitted;
    }

    @Override
    public synchronized long seq() {
        return seq;
    }

    /** @return the encoded event with sequence number {@code eventSeq}, or {@code null} if it left the window */
    synchronized ReplayWindow.Entry entry(long eventSeq) {
        return window.get(eventSeq, System.nanoTime());
    }

    /** @return whether every event after {@code lastSeen} is still in the window */
    synchronized boolean canResumeAfter(long lastSeen) {
        return lastSeen <= seq && window.holdsAfter(lastSeen, seq, System.nanoTime());
    }
}
