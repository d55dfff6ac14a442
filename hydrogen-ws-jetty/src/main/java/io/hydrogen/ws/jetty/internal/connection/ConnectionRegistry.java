package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.ConnectionStats;
import io.hydrogen.ws.Scope;
import io.hydrogen.ws.jetty.internal.topics.StatusTopic;
import io.hydrogen.ws.spi.Authenticator;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The open WebSocket connections of one server, pending or authenticated. Thread-safe. */
public final class ConnectionRegistry {

    private final Set<HydrogenConnection> open = ConcurrentHashMap.newKeySet();
    // The fan-out walks an array of the open connections instead of the set: the set's nodes are
    // one more object, and one more cache miss, per delivery. Rebuilt by the next fan-out after a
    // change (counted in changes, so that a rebuild racing with a change is never taken as current).
    private final AtomicLong changes = new AtomicLong();
    private volatile FanOutTargets fanOutTargets = FanOutTargets.STALE;
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final List<CompletableFuture<Void>> emptyWaiters = new ArrayList<>(); // guarded by itself

    /** The open connections as of {@code version} of {@link #changes}. */
    private record FanOutTargets(long version, HydrogenConnection[] connections) {
        static final FanOutTargets STALE = new FanOutTargets(-1, new HydrogenConnection[0]);
    }

    void add(HydrogenConnection connection) {
        if (open.add(connection)) {
            changes.incrementAndGet();
            perAddress.merge(connection.clientAddress(), 1, Integer::sum); // atomic per address
        }
    }

    void remove(HydrogenConnection connection) {
        if (!open.remove(connection)) {
            return;
        }
        changes.incrementAndGet();
        fanOutTargets = FanOutTargets.STALE; // holds no closed connection until the next fan-out
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

    /** Calls {@code action} for every open connection. */
    void forEachOpen(Consumer<HydrogenConnection> action) {
        open.forEach(action);
    }

    /**
     * Queues a status message for every authenticated connection; its bytes are shared.
     *
     * @return the number of connections it was queued for
     */
    public int pushStatus(StatusTopic.Encoded status) {
        int recipients = 0;
        for (HydrogenConnection connection : fanOutTargets()) {
            if (connection.pushStatus(status)) {
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
        for (HydrogenConnection connection : fanOutTargets()) {
            connection.pushBroadcast(payload);
        }
    }

    /**
     * @return the open connections for a fan-out: every connection added before this call and not
     *     removed since, and perhaps some removed while it ran (they are closed, and a fan-out
     *     skips them)
     */
    private HydrogenConnection[] fanOutTargets() {
        long version = changes.get(); // read before the set: a change after it makes the rebuild stale
        FanOutTargets targets = fanOutTargets;
        if (targets.version() != version) {
            targets = new FanOutTargets(version, open.toArray(new HydrogenConnection[0]));
            fanOutTargets = targets;
        }
        return targets.connections();
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
