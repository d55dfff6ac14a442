package io.hydrogen.ws.micrometer;

import io.hydrogen.ws.ControlLease;
import io.hydrogen.ws.spi.ConnectionInfo;
import io.hydrogen.ws.spi.HydrogenEventListener;
import io.hydrogen.ws.topics.ResumeOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Records a Hydrogen WebSocket server's events as Micrometer meters. Register it as an event
 * listener on the builder and bind it to your registry:
 *
 * <pre>{@code
 * HydrogenMetrics metrics = new HydrogenMetrics(Tags.of("printer", "lab-3"));
 * HydrogenWebSocketServer server = HydrogenWebSocketServer.builder()
 *         .apiKey(key)
 *         .eventListener(metrics)
 *         .build();
 * metrics.bindTo(registry);
 * }</pre>
 *
 * <p>The meters (see {@code docs/metrics.md}):
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #CONNECTIONS_OPENED}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@value #CONNECTIONS_AUTHENTICATED}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@value #CONNECTIONS_CLOSED}</td><td>counter</td><td>{@code code}</td></tr>
 *   <tr><td>{@value #CONNECTIONS_ACTIVE}</td><td>gauge</td><td></td></tr>
 *   <tr><td>{@value #AUTH_FAILURES}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@value #MESSAGES_RECEIVED}</td><td>counter</td><td>{@code type}</td></tr>
 *   <tr><td>{@value #MESSAGES_RECEIVED_BYTES}</td><td>summary (bytes)</td><td></td></tr>
 *   <tr><td>{@value #MESSAGES_SENT}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@value #MESSAGES_SENT_BYTES}</td><td>summary (bytes)</td><td></td></tr>
 *   <tr><td>{@value #MESSAGES_DROPPED}</td><td>counter</td><td>{@code reason}</td></tr>
 *   <tr><td>{@value #ERRORS_SENT}</td><td>counter</td><td>{@code code}</td></tr>
 *   <tr><td>{@value #STATUS_TICKS}</td><td>timer</td><td></td></tr>
 *   <tr><td>{@value #STATUS_RECIPIENTS}</td><td>summary</td><td></td></tr>
 *   <tr><td>{@value #SUBSCRIPTIONS}</td><td>counter</td><td>{@code topic}</td></tr>
 *   <tr><td>{@value #RESUMES}</td><td>counter</td><td>{@code topic}, {@code result}</td></tr>
 *   <tr><td>{@value #EVENTS_REPLAYED}</td><td>counter</td><td>{@code topic}</td></tr>
 *   <tr><td>{@value #COMMANDS}</td><td>counter</td><td>{@code command}, {@code outcome}</td></tr>
 *   <tr><td>{@value #CONTROL_HELD}</td><td>gauge</td><td></td></tr>
 * </table>
 *
 * <p>Tag cardinality is bounded: no meter is tagged with a principal, an address or a free-text
 * reason, and each tag ({@code code}, {@code type}, {@code reason}, {@code topic}, {@code command},
 * {@code outcome}) takes at most
 * {@code maxTagValues} distinct values (default {@value #DEFAULT_MAX_TAG_VALUES}), the first ones
 * seen; later values are counted under {@value #OTHER}. A message without a valid type is counted
 * under {@code type=}{@value #INVALID}. Common tags given to the constructor go on every meter.
 *
 * <p><b>Before {@link #bindTo(MeterRegistry)}</b> events are dropped, except that the number of
 * active connections is tracked from construction, so {@value #CONNECTIONS_ACTIVE} is right
 * whenever the registry is bound. Binding to several registries records to each; binding to the
 * same registry again does nothing. Thread-safe; every callback is short and non-blocking.
 */
public final class HydrogenMetrics implements HydrogenEventListener, MeterBinder {

    /** Counter: WebSocket connections upgraded, authenticated or pending in-band. */
    public static final String CONNECTIONS_OPENED = "hydrogen.ws.connections.opened";
    /** Counter: connections that authenticated. */
    public static final String CONNECTIONS_AUTHENTICATED = "hydrogen.ws.connections.authenticated";
    /** Counter, tag {@code code}: closed connections, by close code (1006: dropped without one). */
    public static final String CONNECTIONS_CLOSED = "hydrogen.ws.connections.closed";
    /** Gauge: authenticated connections now open. */
    public static final String CONNECTIONS_ACTIVE = "hydrogen.ws.connections.active";
    /** Counter: failed authentications, at the handshake or in-band. */
    public static final String AUTH_FAILURES = "hydrogen.ws.auth.failures";
    /** Counter, tag {@code type}: messages received from authenticated connections. */
    public static final String MESSAGES_RECEIVED = "hydrogen.ws.messages.received";
    /** Distribution summary, bytes: sizes of the messages received. */
    public static final String MESSAGES_RECEIVED_BYTES = "hydrogen.ws.messages.received.bytes";
    /** Counter: messages written to connections. */
    public static final String MESSAGES_SENT = "hydrogen.ws.messages.sent";
    /** Distribution summary, bytes: sizes of the messages sent. */
    public static final String MESSAGES_SENT_BYTES = "hydrogen.ws.messages.sent.bytes";
    /** Counter, tag {@code reason} ({@code conflated}, {@code overflow}): queued messages dropped. */
    public static final String MESSAGES_DROPPED = "hydrogen.ws.messages.dropped";
    /** Counter, tag {@code code}: error messages queued for clients. */
    public static final String ERRORS_SENT = "hydrogen.ws.errors.sent";
    /** Counter, tag {@code topic}: subscriptions made (re-subscriptions included). */
    public static final String SUBSCRIPTIONS = "hydrogen.ws.topics.subscriptions";
    /**
     * Counter, tags {@code topic} and {@code result} ({@code resumed}, {@code missed}): subscriptions
     * that asked to resume.
     */
    public static final String RESUMES = "hydrogen.ws.topics.resumes";
    /** Counter, tag {@code topic}: events replayed to clients that resumed. */
    public static final String EVENTS_REPLAYED = "hydrogen.ws.topics.events.replayed";
    /**
     * Counter, tags {@code command} and {@code outcome} ({@code ok}, an error code, {@code failed}):
     * calls of the host's commands and message handlers.
     */
    public static final String COMMANDS = "hydrogen.ws.commands";
    /** Gauge: 1 while somebody holds the control lease, else 0. */
    public static final String CONTROL_HELD = "hydrogen.ws.control.held";
    /** Timer: how long building a status tick took. */
    public static final String STATUS_TICKS = "hydrogen.ws.status.ticks";
    /** Distribution summary: how many connections a status tick was queued for. */
    public static final String STATUS_RECIPIENTS = "hydrogen.ws.status.recipients";

    /** The default bound on the distinct values of each tag. */
    public static final int DEFAULT_MAX_TAG_VALUES = 32;
    /** The tag value for values beyond the bound. */
    public static final String OTHER = "other";
    /** The {@code type} tag value of a message that had no valid type. */
    public static final String INVALID = "invalid";

    private final Tags commonTags;
    private final BoundedValues closeCodes;
    private final BoundedValues types;
    private final BoundedValues dropReasons;
    private final BoundedValues errorCodes;
    private final BoundedValues topics;
    private final BoundedValues commands;
    private final BoundedValues outcomes;
    private final AtomicLong controlHeld = new AtomicLong();
    private final AtomicLong active = new AtomicLong();
    private final List<Meters> bound = new CopyOnWriteArrayList<>();

    /** Creates the listener with no common tags and the default bound on tag values. */
    public HydrogenMetrics() {
        this(Tags.empty());
    }

    /**
     * Creates the listener with common tags and the default bound on tag values.
     *
     * @param commonTags tags for every meter, for example {@code Tags.of("server", "lab-3")}
     */
    public HydrogenMetrics(Iterable<Tag> commonTags) {
        this(commonTags, DEFAULT_MAX_TAG_VALUES);
    }

    /**
     * Creates the listener.
     *
     * @param commonTags tags for every meter
     * @param maxTagValues how many distinct values each of the tags {@code code}, {@code type},
     *     {@code reason}, {@code topic}, {@code command} and {@code outcome} may take before further values are counted as {@value #OTHER}; at least 1
     */
    public HydrogenMetrics(Iterable<Tag> commonTags, int maxTagValues) {
        if (maxTagValues < 1) {
            throw new IllegalArgumentException("maxTagValues must be at least 1, was " + maxTagValues);
        }
        this.commonTags = Tags.of(commonTags);
        this.closeCodes = new BoundedValues(maxTagValues);
        this.types = new BoundedValues(maxTagValues);
        this.dropReasons = new BoundedValues(maxTagValues);
        this.errorCodes = new BoundedValues(maxTagValues);
        this.topics = new BoundedValues(maxTagValues);
        this.commands = new BoundedValues(maxTagValues);
        this.outcomes = new BoundedValues(maxTagValues);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        synchronized (bound) {
            for (Meters meters : bound) {
                if (meters.registry == registry) {
                    return;
                }
            }
            bound.add(new Meters(registry));
        }
    }

    /** @return the authenticated connections now open, as the gauge reports them */
    public long activeConnections() {
        return active.get();
    }

    @Override
    public void connectionOpened(ConnectionInfo connection) {
        for (Meters meters : bound) {
            meters.opened.increment();
        }
    }

    @Override
    public void connectionAuthenticated(ConnectionInfo connection) {
        active.incrementAndGet();
        for (Meters meters : bound) {
            meters.authenticated.increment();
        }
    }

    @Override
    public void connectionClosed(ConnectionInfo connection, boolean wasAuthenticated, int code, String reason) {
        if (wasAuthenticated) {
            active.decrementAndGet();
        }
        if (bound.isEmpty()) {
            return;
        }
        String tag = closeCodes.tag(Integer.toString(code));
        for (Meters meters : bound) {
            meters.closed(tag).increment();
        }
    }

    @Override
    public void authFailed(String remoteAddress, String reason) {
        for (Meters meters : bound) {
            meters.authFailures.increment();
        }
    }

    @Override
    public void messageReceived(ConnectionInfo connection, String type, long bytes) {
        if (bound.isEmpty()) {
            return;
        }
        String tag = type == null ? INVALID : types.tag(type);
        for (Meters meters : bound) {
            meters.received(tag).increment();
            meters.receivedBytes.record(bytes);
        }
    }

    @Override
    public void messageSent(ConnectionInfo connection, int bytes) {
        for (Meters meters : bound) {
            meters.sent.increment();
            meters.sentBytes.record(bytes);
        }
    }

    @Override
    public void messageDropped(ConnectionInfo connection, String reason) {
        if (bound.isEmpty()) {
            return;
        }
        String tag = dropReasons.tag(reason == null ? "unknown" : reason);
        for (Meters meters : bound) {
            meters.dropped(tag).increment();
        }
    }

    @Override
    public void errorSent(ConnectionInfo connection, String code) {
        if (bound.isEmpty()) {
            return;
        }
        String tag = errorCodes.tag(code == null ? "unknown" : code);
        for (Meters meters : bound) {
            meters.errors(tag).increment();
        }
    }

    @Override
    public void statusTickBuilt(long seq, Duration buildTime, int recipients) {
        for (Meters meters : bound) {
            if (buildTime != null) {
                meters.ticks.record(buildTime);
            }
            meters.recipients.record(recipients);
        }
    }

    /**
     * Counts a subscription; one made with {@code resume} also counts as a resume by result, with
     * its replayed events.
     */
    @Override
    public void subscribed(ConnectionInfo connection, String topic, ResumeOutcome resume, long replayed) {
        if (bound.isEmpty()) {
            return;
        }
        String tag = topics.tag(topic == null ? "unknown" : topic);
        for (Meters meters : bound) {
            meters.subscriptions(tag).increment();
            if (resume == ResumeOutcome.RESUMED || resume == ResumeOutcome.MISSED) {
                meters.resumes(tag, resume == ResumeOutcome.RESUMED ? "resumed" : "missed").increment();
                meters.replayed(tag).increment(replayed);
            }
        }
    }

    /** Counts a call of a host command or message handler, by command and outcome. */
    @Override
    public void commandHandled(ConnectionInfo connection, String command, String outcome) {
        if (bound.isEmpty()) {
            return;
        }
        String commandTag = commands.tag(command == null ? "unknown" : command);
        String outcomeTag = outcomes.tag(outcome == null ? "unknown" : outcome);
        for (Meters meters : bound) {
            meters.commands(commandTag, outcomeTag).increment();
        }
    }

    /** Tracks whether somebody holds the control lease, for the {@value #CONTROL_HELD} gauge. */
    @Override
    public void controlChanged(ControlLease.Holder holder) {
        controlHeld.set(holder == null ? 0 : 1);
    }

    /** The first {@code max} distinct values seen, kept; the rest become {@value #OTHER}. */
    private static final class BoundedValues {
        private final int max;
        private final Set<String> kept = ConcurrentHashMap.newKeySet();

        BoundedValues(int max) {
            this.max = max;
        }

        String tag(String value) {
            if (kept.contains(value)) {
                return value;
            }
            synchronized (this) {
                if (kept.size() < max) {
                    kept.add(value);
                    return value;
                }
            }
            return OTHER;
        }
    }

    /** The meters in one registry. */
    private final class Meters {
        final MeterRegistry registry;
        final Counter opened;
        final Counter authenticated;
        final Counter authFailures;
        final Counter sent;
        final DistributionSummary receivedBytes;
        final DistributionSummary sentBytes;
        final Timer ticks;
        final DistributionSummary recipients;
        private final ConcurrentMap<String, Counter> closed = new ConcurrentHashMap<>();
        private final ConcurrentMap<String, Counter> received = new ConcurrentHashMap<>();
        private final ConcurrentMap<String, Counter> dropped = new ConcurrentHashMap<>();
        private final ConcurrentMap<String, Counter> errors = new ConcurrentHashMap<>();
        private final ConcurrentMap<String, Counter> subscriptions = new ConcurrentHashMap<>();
        private final ConcurrentMap<String, Counter> resumes = new ConcurrentHashMap<>();
        private final ConcurrentMap<String, Counter> replayed = new ConcurrentHashMap<>();
        private final ConcurrentMap<String, Counter> commandCalls = new ConcurrentHashMap<>();
        private final Function<String, Counter> newClosed;
        private final Function<String, Counter> newReceived;
        private final Function<String, Counter> newDropped;
        private final Function<String, Counter> newErrors;
        private final Function<String, Counter> newSubscriptions;
        private final Function<String, Counter> newReplayed;

        Meters(MeterRegistry registry) {
            this.registry = registry;
            opened = counter(CONNECTIONS_OPENED, "WebSocket connections upgraded, authenticated or pending");
            authenticated = counter(CONNECTIONS_AUTHENTICATED, "Connections that authenticated");
            authFailures = counter(AUTH_FAILURES, "Failed authentications, at the handshake or in-band");
            sent = counter(MESSAGES_SENT, "Messages written to connections");
            receivedBytes = DistributionSummary.builder(MESSAGES_RECEIVED_BYTES).tags(commonTags)
                    .baseUnit(BaseUnits.BYTES).description("Sizes of the messages received, in UTF-8 bytes")
                    .register(registry);
            sentBytes = DistributionSummary.builder(MESSAGES_SENT_BYTES).tags(commonTags)
                    .baseUnit(BaseUnits.BYTES).description("Sizes of the messages sent").register(registry);
            ticks = Timer.builder(STATUS_TICKS).tags(commonTags)
                    .description("Time to collect and serialise the status of a tick").register(registry);
            recipients = DistributionSummary.builder(STATUS_RECIPIENTS).tags(commonTags)
                    .description("Connections a status tick was queued for").register(registry);
            Gauge.builder(CONNECTIONS_ACTIVE, active, AtomicLong::get).tags(commonTags).strongReference(true)
                    .description("Authenticated connections now open").register(registry);
            Gauge.builder(CONTROL_HELD, controlHeld, AtomicLong::get).tags(commonTags).strongReference(true)
                    .description("1 while somebody holds the control lease").register(registry);
            newClosed = tagged(CONNECTIONS_CLOSED, "code", "Closed connections, by close code");
            newReceived = tagged(MESSAGES_RECEIVED, "type", "Messages received from authenticated connections");
            newDropped = tagged(MESSAGES_DROPPED, "reason", "Queued messages dropped instead of sent");
            newErrors = tagged(ERRORS_SENT, "code", "Error messages queued for clients");
            newSubscriptions = tagged(SUBSCRIPTIONS, "topic", "Topic subscriptions made");
            newReplayed = tagged(EVENTS_REPLAYED, "topic", "Events replayed to clients that resumed");
        }

        Counter subscriptions(String topic) {
            return lookup(subscriptions, topic, newSubscriptions);
        }

        Counter resumes(String topic, String result) {
            return lookup(resumes, topic + "\u0000" + result, key -> Counter.builder(RESUMES).tags(commonTags)
                    .tag("topic", topic).tag("result", result).description("Subscriptions that asked to resume")
                    .register(registry));
        }

        Counter replayed(String topic) {
            return lookup(replayed, topic, newReplayed);
        }

        Counter commands(String command, String outcome) {
            return lookup(commandCalls, command + "\u0000" + outcome, key -> Counter.builder(COMMANDS)
                    .tags(commonTags).tag("command", command).tag("outcome", outcome)
                    .description("Calls of the host's commands and message handlers").register(registry));
        }

        Counter closed(String code) {
            return lookup(closed, code, newClosed);
        }

        Counter received(String type) {
            return lookup(received, type, newReceived);
        }

        Counter dropped(String reason) {
            return lookup(dropped, reason, newDropped);
        }

        Counter errors(String code) {
            return lookup(errors, code, newErrors);
        }

        private Counter counter(String name, String description) {
            return Counter.builder(name).tags(commonTags).description(description).register(registry);
        }

        private Function<String, Counter> tagged(String name, String key, String description) {
            return value -> Counter.builder(name).tags(commonTags).tag(key, value).description(description)
                    .register(registry);
        }

        private static Counter lookup(ConcurrentMap<String, Counter> cache, String tag,
                Function<String, Counter> create) {
            Counter counter = cache.get(tag);
            return counter != null ? counter : cache.computeIfAbsent(tag, create);
        }
    }
}
