package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.ConnectionStats;
import io.hydrogen.ws.Scope;
import io.hydrogen.ws.jetty.internal.topics.StatusTopic;
import io.hydrogen.ws.spi.Authenticator;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The open WebSocket connections of one server, pending or authenticated. Thread-safe. */
public final class ConnectionRegistry {

    private static final Comparator<HydrogenConnection> IN_ARRIVAL_ORDER =
            Comparator.comparingLong(connection -> connection.view().id());

    private final Set<HydrogenConnection> open = ConcurrentHashMap.newKeySet();
    // The fan-out walks arrays of what a push reaches, not the set: at thousands of connections every
    // object a delivery reads is a cache miss, and the set's node, the connection and its state were
    // three of them. The arrays are a cache of the connections' own state (phase and status pace),
    // rebuilt by the next fan-out after a change, counted in changes so that a rebuild racing with
    // one is never taken as current.
    private final AtomicLong changes = new AtomicLong();
    private volatile FanOutTargets fanOutTargets = FanOutTargets.STALE;
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final List<CompletableFuture<Void>> emptyWaiters = new ArrayList<>(); // guarded by itself

    /**
     * What a fan-out reaches as of {@code version} of {@link #changes}: the queue of every OPEN
     * connection, and in the same place of {@code statusEveryNthTick} its status pace (0: not
     * subscribed). Two arrays side by side, not an object per connection, which would be one more
     * cache miss per delivery.
     */
    private record FanOutTargets(long version, OutboundQueue[] queues, long[] statusEveryNthTick) {
        static final FanOutTargets STALE = new FanOutTargets(-1, new OutboundQueue[0], new long[0]);
    }

    /** Adds a connection; it is a fan-out target once it is OPEN ({@link #pushStateChanged()}). */
    void add(HydrogenConnection connection) {
        if (open.add(connection)) {
            perAddress.merge(connection.clientAddress(), 1, Integer::sum); // atomic per address
        }
    }

    void remove(HydrogenConnection connection) {
        if (!open.remove(connection)) {
            return;
        }
        pushStateChanged();
        fanOutTargets = FanOutTargets.STALE; // holds no closed connection's queue until the next fan-out
        perAddress.computeIfPresent(connection.clientAddress(), (address, count) -> count <= 1 ? null : count - 1);
        if (open.isEmpty()) {
            List<CompletableFuture<Void>> waiters;
            synchronized (emptyWaiters) {
                if (!open.isEmpty()) {
                    return;
                }
                waiters = new ArrayList<>(emptyWaiters);
                emptyWaiters.clear();
            }
            waiters.forEach(waiter -> waiter.complete(null));
        }
    }

    /**
     * A connection's push state changed: it became OPEN, changed its status pace or was removed.
     * The next fan-out reads it again. Called after the change, so that a fan-out that rebuilds its
     * targets after this call sees it. (A connection that begins closing needs no call: its queue
     * refuses pushes once its close is queued, until {@link #remove} drops it.)
     */
    void pushStateChanged() {
        changes.incrementAndGet();
    }

    /** Calls {@code action} for every open connection. */
    void forEachOpen(Consumer<HydrogenConnection> action) {
        open.forEach(action);
    }

    /**
     * Queues a status message for every authenticated connection whose status pace takes this
     * tick ({@code seq}); its bytes are shared.
     *
     * @return the number of connections it was queued for
     */
    public int pushStatus(StatusTopic.Encoded status) {
        FanOutTargets targets = fanOutTargets();
        OutboundQueue[] queues = targets.queues();
        long[] statusEveryNthTick = targets.statusEveryNthTick();
        ByteBuffer payload = status.utf8();
        long seq = status.seq();
        int recipients = 0;
        for (int i = 0; i < queues.length; i++) {
            long everyNth = statusEveryNthTick[i];
            if (everyNth != 0 && seq % everyNth == 0) {
                queues[i].enqueueStatus(payload, seq);
                recipients++;
            }
        }
        return recipients;
    }

    /**
     * Says goodbye to every connection for a server shutdown: the last status to those
     * authenticated, then close code 1001 to all.
     */
    public void goodbye(StatusTopic.Encoded lastStatus) {
        open.forEach(connection -> connection.goodbye(lastStatus));
    }

    /** Closes, with {@code auth_failed} and 1008, every connection {@code authenticator} accepted as {@code principal}. */
    public void revoke(Authenticator authenticator, String principal) {
        open.forEach(connection -> connection.revokeIfAuthenticatedAs(authenticator, principal));
    }

    /** Changes the scope of every connection {@code authenticator} accepted as {@code principal}. */
    public void rescope(Authenticator authenticator, String principal, Scope scope) {
        open.forEach(connection -> connection.rescopeIfAuthenticatedAs(authenticator, principal, scope));
    }

    /** @return the diagnostics of every open connection */
    public List<ConnectionStats> stats() {
        List<ConnectionStats> stats = new ArrayList<>(open.size());
        open.forEach(connection -> stats.add(connection.stats()));
        return stats;
    }

    /** Queues a host broadcast for every authenticated connection; {@code payload} is shared. */
    public void broadcast(ByteBuffer payload) {
        for (OutboundQueue queue : fanOutTargets().queues()) {
            queue.enqueue(payload);
        }
    }

    /**
     * @return what a fan-out reaches: every connection that was OPEN (with the status pace it had)
     *     before this call, and perhaps some that began closing while the targets were built (their
     *     queues refuse pushes once the close is queued)
     */
    private FanOutTargets fanOutTargets() {
        long version = changes.get(); // read before the connections: a change after it makes the rebuild stale
        FanOutTargets targets = fanOutTargets;
        if (targets.version() != version) {
            targets = rebuild(version);
            fanOutTargets = targets;
        }
        return targets;
    }

    private FanOutTargets rebuild(long version) {
        HydrogenConnection[] connections = open.toArray(new HydrogenConnection[0]);
        // In the order the connections came (their ids), not the set's hash order: the kernel made
        // their sockets in that order, and a sweep in it walks the socket state of the server and of
        // the clients' side in order rather than at random (docs/performance.md, "The order of a sweep").
        Arrays.sort(connections, IN_ARRIVAL_ORDER);
        OutboundQueue[] queues = new OutboundQueue[connections.length];
        long[] statusEveryNthTick = new long[connections.length];
        int count = 0;
        for (HydrogenConnection connection : connections) {
            OutboundQueue queue = connection.pushQueue();
            if (queue != null) {
                queues[count] = queue;
                statusEveryNthTick[count] = connection.statusEveryNthTick();
                count++;
            }
        }
        return new FanOutTargets(version, Arrays.copyOf(queues, count), Arrays.copyOf(statusEveryNthTick, count));
    }

    /** @return open connections from {@code address} */
    public int connectionsFrom(InetAddress address) {
        return perAddress.getOrDefault(address, 0);
    }

    /** @return connections waiting for in-band authentication */
    public int pending() {
        return pending.get();
    }

    void pendingOpened() {
        pending.incrementAndGet();
    }

    void pendingEnded() {
        pending.decrementAndGet();
    }

    /** @return the number of open connections, pending ones included */
    public int size() {
        return open.size();
    }

    /**
     * Returns a future that completes once no connection is open (at once if none is). Used by a
     * graceful shutdown, which stops accepting connections first.
     */
    public CompletableFuture<Void> whenEmpty() {
        CompletableFuture<Void> empty = new CompletableFuture<>();
        synchronized (emptyWaiters) {
            if (open.isEmpty()) {
                empty.complete(null);
            } else {
                emptyWaiters.add(empty);
            }
        }
        return empty;
    }
}
