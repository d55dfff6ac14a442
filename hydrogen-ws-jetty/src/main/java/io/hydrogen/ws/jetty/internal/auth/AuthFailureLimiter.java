package io.hydrogen.ws.jetty.internal.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts authentication failures per client address in fixed windows and says when an address
 * has had too many: its handshakes are then refused until its window ends, so a key cannot be
 * guessed at network speed. Successes never count. Memory is bounded: expired windows are dropped,
 * and if too many addresses are tracked at once the oldest windows go first. Thread-safe.
 */
public final class AuthFailureLimiter {

    private static final int MAX_TRACKED_ADDRESSES = 100_000;

    private record Window(long startNanos, int failures) {
    }

    private final int maxFailures;
    private final long windowNanos;
    private final ConcurrentHashMap<InetAddress, Window> windows = new ConcurrentHashMap<>();

    public AuthFailureLimiter(int maxFailures, Duration window) {
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
    }

    /** Counts one failure of {@code address}. */
    public void failed(InetAddress address) {
        long now = System.nanoTime();
        if (windows.size() >= MAX_TRACKED_ADDRESSES) {
            evict(now);
        }
        windows.compute(address, (key, window) -> window == null || now - window.startNanos() >= windowNanos
                ? new Window(now, 1) : new Window(window.startNanos(), window.failures() + 1));
    }

    /**
     * Drops expired windows; if that is not enough, the oldest tenth, so that an attacker with many
     * addresses makes this scan happen once per many thousand failures, not on every one.
     */
    private synchronized void evict(long now) {
        if (windows.size() < MAX_TRACKED_ADDRESSES) {
            return; // another thread just made room
        }
        windows.values().removeIf(w -> now - w.startNanos() >= windowNanos);
        if (windows.size() >= MAX_TRACKED_ADDRESSES * 9 / 10) {
            windows.entrySet().stream()
                    .sorted(Comparator.comparingLong(e -> e.getValue().startNanos()))
                    .limit(MAX_TRACKED_ADDRESSES / 10)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(windows::remove);
        }
    }

    /**
     * @return how many seconds {@code address} must wait before it may try again, or 0 if it may
     *     try now
     */
    public long retryAfterSeconds(InetAddress address) {
        Window window = windows.get(address);
        if (window == null) {
            return 0;
        }
        long remaining = windowNanos - (System.nanoTime() - window.startNanos());
        if (remaining <= 0) {
            windows.remove(address, window);
            return 0;
        }
        return window.failures() >= maxFailures ? Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L) : 0;
    }
}
