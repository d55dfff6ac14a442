package io.hydrogen.ws.jetty.internal.dispatch;

import io.hydrogen.ws.ControlLease;
import io.hydrogen.ws.Scope;
import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.spi.ConnectionInfo;
import io.hydrogen.ws.topics.StateTopic;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control lease: at most one connection may run the host's commands. Every change is decided
 * under one lock, then published (the {@code control} topic, the event listeners, the log) after
 * it, in the order of the changes. A holder that disconnects keeps the lease for the grace period,
 * during which only its principal may take it back without force. Thread-safe.
 */
public final class ControlLeaseImpl implements ControlLease {

    private static final Logger LOG = LoggerFactory.getLogger(ControlLeaseImpl.class);

    /** Who holds the lease, and through which connection. */
    private record Lease(long connectionId, Holder holder) {
    }

    /** Why a request for the lease was refused. */
    public enum Refusal {
        /** Someone else holds it (or its disconnected holder is within the grace period). */
        HELD,
        /** The connection does not hold it (release). */
        NOT_HELD
    }

    /**
     * What a request did.
     *
     * @param holder the holder afterwards, or {@code null}
     * @param refusal why it was refused, or {@code null} if it succeeded
     */
    public record Outcome(Holder holder, Refusal refusal) {
    }

    private final Duration grace;
    private final Events events;
    private final StateTopic<Map<String, ?>> topic;
    private final Object lock = new Object();
    private Lease lease;                   // guarded by lock
    private ScheduledFuture<?> graceEnd;   // guarded by lock
    private volatile ScheduledExecutorService scheduler;

    /**
     * @param grace how long a disconnected holder keeps the lease
     * @param topic the {@code control} topic, published on every change
     */
    public ControlLeaseImpl(Duration grace, Events events, StateTopic<Map<String, ?>> topic) {
        this.grace = grace;
        this.events = events;
        this.topic = topic;
    }

    /** Starts timing grace periods, and publishes that nobody holds the lease yet. */
    public void start(ScheduledExecutorService timers) {
        this.scheduler = timers;
        publish(null, null);
    }

    @Override
    public Optional<Holder> holder() {
        synchronized (lock) {
            return Optional.ofNullable(lease).map(Lease::holder);
        }
    }

    @Override
    public boolean revoke() {
        Holder previous;
        synchronized (lock) {
            previous = lease == null ? null : lease.holder();
            clear();
        }
        if (previous == null) {
            return false;
        }
        publish(null, "revoked by the host from " + previous.principal());
        return true;
    }

    /**
     * Gives the lease to {@code connection}: if nobody holds it, if it holds it already (the client
     * name is updated), if its principal held it and disconnected within the grace period, or, with
     * {@code force} and the {@link Scope#ADMIN} scope, from whoever holds it.
     */
    public Outcome acquire(ConnectionInfo connection, String client, boolean force) {
        Holder taken;
        Holder previous;
        synchronized (lock) {
            previous = lease == null ? null : lease.holder();
            boolean mine = lease != null && (lease.connectionId() == connection.id()
                    || (!previous.connected() && previous.principal().equals(connection.principal())));
            boolean forced = force && connection.scope().includes(Scope.ADMIN);
            if (lease != null && !mine && !forced) {
                return new Outcome(previous, Refusal.HELD);
            }
            Instant since = mine && lease.connectionId() == connection.id() ? previous.since()
                    : Instant.now().truncatedTo(ChronoUnit.MILLIS); // as the protocol's other times
            taken = new Holder(connection.principal(), client, since, true);
            clear();
            lease = new Lease(connection.id(), taken);
        }
        if (!taken.equals(previous)) {
            publish(taken, previous != null && !previous.principal().equals(taken.principal())
                    ? "taken by force from " + previous.principal() : "acquired");
        }
        return new Outcome(taken, null);
    }

    /** Gives the lease back, if {@code connection} holds it. */
    public Outcome release(ConnectionInfo connection) {
        synchronized (lock) {
            if (lease == null || lease.connectionId() != connection.id()) {
                return new Outcome(lease == null ? null : lease.holder(), Refusal.NOT_HELD);
            }
            clear();
        }
        publish(null, "released");
        return new Outcome(null, null);
    }

    /** @return whether {@code connectionId} holds the lease (connected) */
    public boolean isHeldBy(long connectionId) {
        synchronized (lock) {
            return lease != null && lease.connectionId() == connectionId && lease.holder().connected();
        }
    }

    /** A connection closed: if it held the lease, its principal keeps it for the grace period. */
    public void closed(long connectionId) {
        Holder waiting;
        synchronized (lock) {
            if (lease == null || lease.connectionId() != connectionId) {
                return;
            }
            if (grace.isZero() || scheduler == null) {
                clear();
                waiting = null;
            } else {
                Holder holder = lease.holder();
                waiting = new Holder(holder.principal(), holder.client(), holder.since(), false);
                lease = new Lease(connectionId, waiting);
                scheduleGraceEnd(connectionId);
            }
        }
        publish(waiting, waiting == null ? "holder disconnected" : "holder disconnected; grace period started");
    }

    /** A connection's scope was narrowed: below {@link Scope#CONTROL} it loses the lease. */
    public void narrowed(ConnectionInfo connection) {
        if (connection.scope().includes(Scope.CONTROL)) {
            return;
        }
        synchronized (lock) {
            if (lease == null || lease.connectionId() != connection.id()) {
                return;
            }
            clear();
        }
        publish(null, "holder's key no longer has the control scope");
    }

    /**
     * @return the holder as the protocol writes it: {@code {"principal","client","since","connected"}},
     *     or {@code null}
     */
    public static Map<String, Object> toWire(Holder holder) {
        if (holder == null) {
            return null;
        }
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("principal", holder.principal());
        wire.put("client", holder.client());
        wire.put("since", holder.since().toString());
        wire.put("connected", holder.connected());
        return wire;
    }

    /** Must hold the lock. */
    private void clear() {
        lease = null;
        if (graceEnd != null) {
            graceEnd.cancel(false);
            graceEnd = null;
        }
    }

    /** Must hold the lock. */
    private void scheduleGraceEnd(long connectionId) {
        try {
            graceEnd = scheduler.schedule(() -> graceEnded(connectionId), grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            lease = null; // the server is stopping: nobody will take it back
        }
    }

    private void graceEnded(long connectionId) {
        synchronized (lock) {
            if (lease == null || lease.connectionId() != connectionId || lease.holder().connected()) {
                return;
            }
            lease = null;
            graceEnd = null;
        }
        publish(null, "grace period ended");
    }

    /**
     * Publishes a change, outside the lock. Two changes racing may publish out of order; the topic's
     * value is then corrected by reading the lease again, so the last publication is the truth.
     */
    private void publish(Holder changedTo, String why) {
        if (why != null) {
            LOG.info("Control lease {}: {}", why, changedTo == null ? "nobody holds it"
                    : "held by " + changedTo.principal() + (changedTo.client() == null ? "" : " (" + changedTo.client()
                    + ")"));
            events.controlChanged(changedTo);
        }
        synchronized (topic) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("holder", toWire(holder().orElse(null)));
            try {
                topic.publish(value);
            } catch (IllegalStateException stopped) {
                // The endpoint stopped; nobody is subscribed any more.
            }
        }
    }
}
