package io.hydrogen.ws.benchmark.client;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Close codes that reader connections received while the run was going on (the server closed
 * them, or the connection broke: 1006). Closes after {@link #stopCounting()}, which the generator
 * calls before closing its own connections, are not counted. Thread-safe.
 */
public final class CloseTally {

    private final Map<Integer, LongAdder> codes = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();
    private volatile boolean counting = true;

    /** Counts a close with {@code code}, unless counting has stopped. */
    public void closed(int code) {
        if (counting) {
            codes.computeIfAbsent(code, c -> new LongAdder()).increment();
        }
    }

    /** Counts an error reported on an open connection, unless counting has stopped. */
    public void error() {
        if (counting) {
            errors.increment();
        }
    }

    /** From now on closes are the generator's own doing and are not counted. */
    public void stopCounting() {
        counting = false;
    }

    /** @return connections closed during the run, by close code */
    public Map<Integer, Long> byCode() {
        Map<Integer, Long> out = new TreeMap<>();
        codes.forEach((code, count) -> out.put(code, count.sum()));
        return out;
    }

    /** @return errors on open connections during the run */
    public long errors() {
        return errors.sum();
    }
}
