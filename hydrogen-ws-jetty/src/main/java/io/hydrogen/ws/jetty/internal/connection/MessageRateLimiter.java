package io.hydrogen.ws.jetty.internal.connection;

/**
 * A token bucket for one connection's inbound messages: {@code rate} tokens per second, holding at
 * most {@code rate}. Also decides when to tell the client (at most once per second), so that a
 * flood is not answered with a flood. Used by one Jetty thread at a time; not thread-safe.
 */
final class MessageRateLimiter {

    private static final long SECOND = 1_000_000_000L;

    private final int rate;
    private double tokens;
    private long refilledAt = System.nanoTime();
    private long lastNotice = System.nanoTime() - SECOND;

    MessageRateLimiter(int rate) {
        this.rate = rate;
        this.tokens = rate;
    }

    /** @return whether a message arriving now is within the rate (and takes a token) */
    boolean tryAcquire(long now) {
        tokens = Math.min(rate, tokens + (now - refilledAt) * (double) rate / SECOND);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** @return whether the client should be told about a dropped message now */
    boolean shouldNotify(long now) {
        if (now - lastNotice >= SECOND) {
            lastNotice = now;
            return true;
        }
        return false;
    }

    /** @return the configured rate */
    int rate() {
        return rate;
    }
}
