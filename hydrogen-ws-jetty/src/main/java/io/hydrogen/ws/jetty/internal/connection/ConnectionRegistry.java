package io.hydrogen.ws.jetty.internal.connection;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/** The open WebSocket connections of one server, pending or authenticated. Thread-safe. */
public final class ConnectionRegistry {

    private final Set<HydrogenConnection> open = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition emptied = lock.newCondition();

    void add(HydrogenConnection connection) {
        open.add(connection);
    }

    void remove(HydrogenConnection connection) {
        if (open.remove(connection) && open.isEmpty()) {
            lock.lock();
            try {
                emptied.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Calls {@code action} for every open connection. */
    public void forEachOpen(Consumer<HydrogenConnection> action) {
        open.forEach(action);
    }

    /** @return the number of open connections, pending ones included */
    public int size() {
        return open.size();
    }

    /**
     * Waits until every connection has closed.
     *
     * @return {@code true} if none is open any more, {@code false} if {@code timeout} passed first
     */
    public boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!open.isEmpty()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                // Bounded waits: a removal racing with the emptiness check cannot make us miss the signal for long.
                emptied.awaitNanos(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
