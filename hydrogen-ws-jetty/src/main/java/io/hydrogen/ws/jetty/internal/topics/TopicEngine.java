package io.hydrogen.ws.jetty.internal.topics;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.jetty.internal.message.JsonValues;
import io.hydrogen.ws.topics.EventTopic;
import io.hydrogen.ws.topics.JobStatus;
import io.hydrogen.ws.topics.Notification;
import io.hydrogen.ws.topics.ResumeOutcome;
import io.hydrogen.ws.topics.StateTopic;
import io.hydrogen.ws.topics.Temperatures;
import io.hydrogen.ws.topics.TopicInfo;
import io.hydrogen.ws.topics.TopicKind;
import io.hydrogen.ws.topics.Topics;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics of one endpoint and their fan-out. Hosts publish from any thread (conversion and
 * encoding happen on theirs); everything about subscriptions (snapshots, patches, rates, deadbands,
 * replay) happens on the engine's single thread, so none of it needs a lock and per-connection
 * order is the order of that thread. Subscribers with equal options share one computed, encoded
 * patch per publication while they are in step; a subscriber whose queue still holds an update gets
 * that update replaced by a patch from what it held before (conflation per topic).
 */
public final class TopicEngine implements Topics {

    private static final Logger LOG = LoggerFactory.getLogger(TopicEngine.class);

    /** The options of the topics this engine serves. */
    public record Settings(Map<String, TopicKind> hostTopics, int replayEvents, Duration replayAge,
            Duration statusInterval) {
    }

    private final String epoch = newEpoch();
    private final Settings settings;
    private final Events events;
    private final JsonValues json;
    private final LongSupplier statusSeq;
    private final HostStateTopic<JobStatus> job;
    private final HostStateTopic<Temperatures> temperature;
    private final HostEventTopic<Notification> notifications;
    private final HostStateTopic<Map<String, ?>> control;
    private final Map<String, HostStateTopic<?>> stateTopics = new LinkedHashMap<>();
    private final Map<String, HostEventTopic<?>> eventTopics = new LinkedHashMap<>();
    private volatile ExecutorService thread;
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean stopped;

    // Engine thread only.
    private final Map<TopicSubscriber, ConnectionSubscriptions> subscribers = new IdentityHashMap<>();

    /** What one connection subscribed to. Engine thread only. */
    private static final class ConnectionSubscriptions {
        final Map<String, Object> byTopic = new LinkedHashMap<>();
        final List<EventSubscription> lagging = new ArrayList<>();
        boolean drainRequested;
    }

    /**
     * @param json converts the hosts' values
     * @param statusSeq the status topic's latest sequence number
     */
    public TopicEngine(Settings settings, Events events, JsonValues json, LongSupplier statusSeq) {
        this.settings = settings;
        this.events = events;
        this.json = json;
        this.statusSeq = statusSeq;
        this.job = state(JOB, JobStatus::toWire);
        this.temperature = state(TEMPERATURE, Temperatures::toWire);
        this.notifications = event(NOTIFICATION, Notification::toWire);
        this.control = state(CONTROL, Function.identity());
        settings.hostTopics().forEach((name, kind) -> {
            if (kind == TopicKind.STATE) {
                state(name, Function.identity());
            } else {
                event(name, Function.identity());
            }
        });
    }

    private <T> HostStateTopic<T> state(String name, Function<? super T, ?> toPlain) {
        HostStateTopic<T> topic = new HostStateTopic<>(name, toPlain, this);
        stateTopics.put(name, topic);
        return topic;
    }

    private <T> HostEventTopic<T> event(String name, Function<? super T, ?> toPlain) {
        HostEventTopic<T> topic = new HostEventTopic<>(name, toPlain, this, settings.replayEvents(),
                settings.replayAge().toNanos());
        eventTopics.put(name, topic);
        return topic;
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    /** Starts the fan-out thread; {@code scheduler} times the rate-limited flushes. */
    public void start(ScheduledExecutorService timers) {
        this.scheduler = timers;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "hydrogen-ws-topics");
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops the fan-out thread; publishing is refused from now on. */
    public void stop() {
        stopped = true;
        ExecutorService current = thread;
        if (current != null) {
            current.shutdownNow();
        }
    }

    /**
     * Lets the fan-out of what was published so far reach the queues, waiting at most
     * {@code timeout}: a graceful shutdown queues its goodbye behind it.
     */
    public void drain(Duration timeout) {
        ExecutorService current = thread;
        if (current == null) {
            return;
        }
        try {
            current.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Topic publications before the shutdown may not all be delivered", e);
        }
    }

    // ---- the host's side ---------------------------------------------------------------------

    @Override
    public StateTopic<JobStatus> job() {
        return job;
    }

    @Override
    public StateTopic<Temperatures> temperature() {
        return temperature;
    }

    @Override
    public EventTopic<Notification> notifications() {
        return notifications;
    }

    @Override
    @SuppressWarnings("unchecked")
    public StateTopic<Object> state(String name) {
        HostStateTopic<?> topic = stateTopics.get(name);
        if (topic == null || topic == job || topic == temperature || topic == control) {
            throw new IllegalArgumentException("no state topic '" + name + "' was declared on the builder"
                    + (topic == null ? "" : "; '" + name + "' is built in"));
        }
        return (StateTopic<Object>) topic;
    }

    @Override
    @SuppressWarnings("unchecked")
    public EventTopic<Object> events(String name) {
        HostEventTopic<?> topic = eventTopics.get(name);
        if (topic == null || topic == notifications) {
            throw new IllegalArgumentException("no event topic '" + name + "' was declared on the builder"
                    + (topic == null ? "" : "; use notifications() for the built-in one"));
        }
        return (EventTopic<Object>) topic;
    }

    @Override
    public List<TopicInfo> list() {
        List<TopicInfo> list = new ArrayList<>();
        list.add(new TopicInfo(STATUS, TopicKind.STATUS, statusSeq.getAsLong()));
        stateTopics.values().forEach(topic -> list.add(new TopicInfo(topic.name(), TopicKind.STATE, topic.seq())));
        eventTopics.values().forEach(topic -> list.add(new TopicInfo(topic.name(), TopicKind.EVENT, topic.seq())));
        return List.copyOf(list);
    }

    /** @return the built-in {@code control} topic, which only the control lease publishes to */
    public StateTopic<Map<String, ?>> controlTopic() {
        return control;
    }

    @Override
    public String epoch() {
        return epoch;
    }

    /** @return the kind of the topic named {@code name}, or {@code null} if there is none */
    public TopicKind kindOf(String name) {
        if (STATUS.equals(name)) {
            return TopicKind.STATUS;
        }
        if (stateTopics.containsKey(name)) {
            return TopicKind.STATE;
        }
        return eventTopics.containsKey(name) ? TopicKind.EVENT : null;
    }

    /**
     * Converts a host's value on the caller's thread.
     *
     * @throws IllegalStateException if the endpoint has stopped
     * @throws IllegalArgumentException if the value does not serialise to a JSON object (an
     *     {@code UnserialisableValueException} names the part that has no JSON form)
     */
    JsonObject toObject(Object value, String topic) {
        if (stopped) {
            throw new IllegalStateException("The endpoint has stopped; topic '" + topic + "' takes no more publications");
        }
        JsonElement tree = json.toJson(value, "the publication to topic '" + topic + "'");
        if (!tree.isJsonObject()) {
            throw new IllegalArgumentException("a publication to topic '" + topic
                    + "' must serialise to a JSON object (a map, a record or an object with fields), was " + tree);
        }
        return tree.getAsJsonObject();
    }

    void stateChanged(HostStateTopic<?> topic) {
        fanOutOnce(topic.fanOutQueued, () -> fanOut(topic));
    }

    void eventEmitted(HostEventTopic<?> topic) {
        fanOutOnce(topic.fanOutQueued, () -> new ArrayList<>(topic.subscriptions).forEach(this::feed));
    }

    /** Posts {@code fanOut} unless one is waiting already: it reads the latest publication when it runs. */
    private void fanOutOnce(AtomicBoolean queued, Runnable fanOut) {
        if (queued.compareAndSet(false, true) && !post(() -> {
            queued.set(false);
            fanOut.run();
        })) {
            queued.set(false); // not started yet (nobody subscribed) or stopped
        }
    }

    // ---- the connections' side (called on Jetty's threads, carried out on the engine's) --------

    /** Subscribes (or re-subscribes) a connection; replies {@code subscribed}, then the snapshot or the replay. */
    public void subscribe(TopicSubscriber subscriber, SubscribeRequest request, JsonElement id) {
        post(() -> {
            if (!subscriber.isOpen()) {
                return;
            }
            ConnectionSubscriptions mine = subscribers.computeIfAbsent(subscriber, s -> new ConnectionSubscriptions());
            remove(mine, request.topic());
            switch (kindOf(request.topic())) {
                case STATUS -> subscribeStatus(subscriber, request, id);
                case STATE -> subscribeState(mine, subscriber, stateTopics.get(request.topic()), request, id);
                case EVENT -> subscribeEvents(mine, subscriber, eventTopics.get(request.topic()), request, id);
            }
        });
    }

    /** Ends a connection's subscription (if any) and replies {@code unsubscribed}. */
    public void unsubscribe(TopicSubscriber subscriber, String topic, JsonElement id) {
        post(() -> {
            ConnectionSubscriptions mine = subscribers.get(subscriber);
            boolean had = mine != null && remove(mine, topic);
            if (STATUS.equals(topic)) {
                subscriber.statusPace(false, 1);
                had = true;
            }
            subscriber.send(TopicMessages.unsubscribed(id, topic));
            if (had) {
                events.unsubscribed(subscriber.view(), topic);
            }
        });
    }

    /** Replies with the list of topics, in order with the connection's other topic replies. */
    public void listTopics(TopicSubscriber subscriber, JsonElement id) {
        post(() -> subscriber.send(TopicMessages.topics(id, epoch, list())));
    }

    /** Forgets a closed connection's subscriptions. */
    public void closed(TopicSubscriber subscriber) {
        post(() -> {
            ConnectionSubscriptions mine = subscribers.remove(subscriber);
            if (mine != null) {
                new ArrayList<>(mine.byTopic.keySet()).forEach(topic -> remove(mine, topic));
            }
        });
    }

    private void subscribeStatus(TopicSubscriber subscriber, SubscribeRequest request, JsonElement id) {
        long interval = settings.statusInterval().toMillis();
        long everyNth = interval <= 0 ? 1 : Math.max(1, (request.minIntervalMillis() + interval - 1) / interval);
        subscriber.statusPace(true, everyNth);
        subscriber.send(TopicMessages.subscribed(id, STATUS, TopicKind.STATUS.wireName(), epoch,
                statusSeq.getAsLong(), false));
        events.subscribed(subscriber.view(), STATUS, ResumeOutcome.NONE, 0);
    }

    private void subscribeState(ConnectionSubscriptions mine, TopicSubscriber subscriber, HostStateTopic<?> topic,
            SubscribeRequest request, JsonElement id) {
        SubscriptionOptions options = new SubscriptionOptions(request.minIntervalMillis(), request.deadband(),
                request.fields());
        StateGroup group = topic.groups.computeIfAbsent(options, StateGroup::new);
        HostStateTopic.Published current = topic.current();
        JsonObject snapshot = MergePatch.fields(current.value(), options.fields());
        StateSubscription subscription = new StateSubscription(subscriber, topic, group, snapshot);
        group.subscriptions.add(subscription);
        mine.byTopic.put(topic.name(), subscription);
        subscriber.send(TopicMessages.subscribed(id, topic.name(), TopicKind.STATE.wireName(), epoch, current.seq(),
                false));
        subscriber.send(TopicMessages.publication("snapshot", topic.name(), current.seq(), current.timestampMillis(),
                snapshot));
        events.subscribed(subscriber.view(), topic.name(), ResumeOutcome.NONE, 0);
    }

    private void subscribeEvents(ConnectionSubscriptions mine, TopicSubscriber subscriber, HostEventTopic<?> topic,
            SubscribeRequest request, JsonElement id) {
        long latest = topic.seq();
        SubscribeRequest.Resume resume = request.resume();
        boolean resumed = resume != null && resume.epoch().equals(epoch) && topic.canResumeAfter(resume.seq());
        long cursor = resumed ? resume.seq() + 1 : latest + 1;
        EventSubscription subscription = new EventSubscription(subscriber, topic, cursor);
        topic.subscriptions.add(subscription);
        mine.byTopic.put(topic.name(), subscription);
        subscriber.send(TopicMessages.subscribed(id, topic.name(), TopicKind.EVENT.wireName(), epoch, latest,
                resumed));
        ResumeOutcome outcome = resume == null ? ResumeOutcome.NONE
                : resumed ? ResumeOutcome.RESUMED : ResumeOutcome.MISSED;
        events.subscribed(subscriber.view(), topic.name(), outcome, resumed ? latest - resume.seq() : 0);
        feed(subscription);
    }

    /** @return whether the connection had a subscription to {@code topic} */
    private boolean remove(ConnectionSubscriptions mine, String topic) {
        Object subscription = mine.byTopic.remove(topic);
        if (subscription instanceof StateSubscription state) {
            state.group.subscriptions.remove(state);
            if (state.group.subscriptions.isEmpty()) {
                state.topic.groups.remove(state.group.options);
            }
        } else if (subscription instanceof EventSubscription event) {
            event.topic.subscriptions.remove(event);
            mine.lagging.remove(event);
        }
        return subscription != null;
    }

    // ---- fan-out (engine thread) ---------------------------------------------------------------

    private void fanOut(HostStateTopic<?> topic) {
        HostStateTopic.Published current = topic.current();
        for (StateGroup group : topic.groups.values()) {
            long interval = group.options.minIntervalMillis();
            if (interval == 0) {
                deliver(topic, group, current);
            } else {
                group.dirty = true;
                scheduleFlush(topic, group, interval);
            }
        }
    }

    /**
     * Flushes a rate-limited group at the next multiple of its interval: every group with the same
     * interval flushes at the same instants, so in-step subscribers keep sharing their patches.
     */
    private void scheduleFlush(HostStateTopic<?> topic, StateGroup group, long interval) {
        if (group.flushScheduled) {
            return;
        }
        group.flushScheduled = true;
        long delay = interval - System.currentTimeMillis() % interval;
        try {
            scheduler.schedule(() -> post(() -> {
                group.flushScheduled = false;
                if (group.dirty && topic.groups.get(group.options) == group) {
                    group.dirty = false;
                    deliver(topic, group, topic.current());
                }
            }), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            group.flushScheduled = false;
        }
    }

    private void deliver(HostStateTopic<?> topic, StateGroup group, HostStateTopic.Published current) {
        Delivery delivery = new Delivery(topic.name(), current, MergePatch.fields(current.value(),
                group.options.fields()));
        // Delivering never changes the group (closes reach it later, as tasks of this thread): no copy.
        for (StateSubscription subscription : group.subscriptions) {
            if (subscription.subscriber.isOpen()) {
                deliver(subscription, delivery);
            }
        }
    }

    /** The next state of a subscriber whose client holds {@code base}: what it will hold, and the update. */
    private record Step(JsonObject next, java.nio.ByteBuffer update) {
    }

    /**
     * One publication's delivery to one group. Subscribers whose clients hold the same base object
     * (in step, or conflating from the same waiting update) share one patch, encoded once.
     */
    private static final class Delivery {
        final String topic;
        final HostStateTopic.Published current;
        final JsonObject target;
        final Map<JsonObject, Step> steps = new IdentityHashMap<>();
        private java.nio.ByteBuffer emptyUpdate;

        Delivery(String topic, HostStateTopic.Published current, JsonObject target) {
            this.topic = topic;
            this.current = current;
            this.target = target;
        }

        /** @return an update with no change, for a waiting one that the publication made moot; built once */
        java.nio.ByteBuffer emptyUpdate() {
            if (emptyUpdate == null) {
                emptyUpdate = TopicMessages.publication("update", topic, current.seq(), current.timestampMillis(),
                        new JsonObject());
            }
            return emptyUpdate;
        }
    }

    private void deliver(StateSubscription subscription, Delivery delivery) {
        if (subscription.pendingUpdate != null && subscription.subscriber.updateWaiting(subscription.pendingUpdate)) {
            // Conflation: the client has not been sent the waiting update yet; patch from what it holds.
            Step step = step(subscription, subscription.pendingBase, delivery);
            if (subscription.subscriber.replaceUpdate(subscription.pendingUpdate,
                    step.update() != null ? step.update() : delivery.emptyUpdate())) {
                subscription.base = step.next();
                return;
            }
        }
        // Any earlier update is being written (or is written): the client will hold subscription.base.
        subscription.pendingUpdate = null;
        Step step = step(subscription, subscription.base, delivery);
        if (step.update() == null) {
            return;
        }
        Object queued = subscription.subscriber.sendUpdate(step.update());
        if (queued != null) {
            subscription.pendingUpdate = queued;
            subscription.pendingBase = subscription.base;
            subscription.base = step.next();
        }
    }

    /** @return the step from {@code base}, computed once per base object and publication */
    private static Step step(StateSubscription subscription, JsonObject base, Delivery delivery) {
        return delivery.steps.computeIfAbsent(base, b -> step(subscription, b, delivery.current, delivery.target));
    }

    private static Step step(StateSubscription subscription, JsonObject base, HostStateTopic.Published current,
            JsonObject target) {
        JsonObject next = MergePatch.deadband(base, target, subscription.group.options.deadband());
        JsonObject patch = MergePatch.diff(base, next);
        if (patch.size() == 0) {
            return new Step(base, null);
        }
        return new Step(next, TopicMessages.publication("update", subscription.topic.name(), current.seq(),
                current.timestampMillis(), patch));
    }

    /**
     * Queues the events a subscription is owed while the connection's queue has room (well below its
     * bounds): the rest follow as the queue drains, so a reading client that resumes far back is
     * never closed for its own replay. One that falls out of the replay window is closed with 1013
     * (it may resume).
     */
    private void feed(EventSubscription subscription) {
        TopicSubscriber subscriber = subscription.subscriber;
        if (!subscriber.isOpen()) {
            return;
        }
        long latest = subscription.topic.seq();
        while (subscription.cursor <= latest) {
            if (!subscriber.hasRoomForFeed()) {
                awaitDrain(subscription);
                return;
            }
            ReplayWindow.Entry entry = subscription.topic.entry(subscription.cursor);
            if (entry == null) {
                LOG.info("Client {} fell behind topic '{}' beyond its replay window; closing with 1013",
                        subscriber.view().remoteAddress(), subscription.topic.name());
                ConnectionSubscriptions mine = subscribers.get(subscriber);
                if (mine != null) {
                    remove(mine, subscription.topic.name());
                }
                subscriber.closeBehind(subscription.topic.name());
                return;
            }
            subscriber.send(entry.message());
            subscription.cursor++;
        }
    }

    private void awaitDrain(EventSubscription subscription) {
        ConnectionSubscriptions mine = subscribers.get(subscription.subscriber);
        if (mine == null) {
            return;
        }
        if (!mine.lagging.contains(subscription)) {
            mine.lagging.add(subscription);
        }
        if (!mine.drainRequested) {
            mine.drainRequested = true;
            subscription.subscriber.whenDrained(() -> post(() -> {
                mine.drainRequested = false;
                List<EventSubscription> owed = new ArrayList<>(mine.lagging);
                mine.lagging.clear();
                owed.forEach(this::feed);
            }));
        }
    }

    /** @return whether the task was queued (not before the start, nor after the stop) */
    private boolean post(Runnable task) {
        ExecutorService current = thread;
        if (current == null) {
            return false; // not started: nobody can have subscribed
        }
        try {
            current.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Topic fan-out failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException stopping) {
            return false; // the endpoint is stopping; its connections are being closed
        }
    }

    private static String newEpoch() {
        byte[] random = new byte[9];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
