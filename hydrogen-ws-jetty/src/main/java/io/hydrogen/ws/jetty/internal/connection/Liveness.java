package io.hydrogen.ws.jetty.internal.connection;

/**
 * When a connection last proved it was alive: the time of its last pong (or of its opening).
 * Jetty's idle timeout cannot tell, because our pushes keep even a vanished client "busy".
 * Thread-safe.
 */
final class Liveness {

    private volatile long lastPongNanos = System.nanoTime();

    /** Records a pong. */
    void pong() {
        lastPongNanos = System.nanoTime();
    }

    /** @return how long ago the last pong came, in nanoseconds */
    long silentNanos(long nowNanos) {
        return nowNanos - lastPongNanos;
    }
}
