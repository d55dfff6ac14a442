package io.hydrogen.ws.jetty.internal.context;

import java.util.concurrent.atomic.LongAdder;

/** Server-wide counters of the outbound path; updated from every send path, so adders. */
public final class OutboundCounters {

    private final LongAdder sent = new LongAdder();
    private final LongAdder conflated = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder slowClientsClosed = new LongAdder();

    /** Counts messages written. */
    public void sent(int messages) {
        sent.add(messages);
    }

    /** Counts one status replaced before it was sent. */
    public void conflated() {
        conflated.increment();
    }

    /** Counts messages dropped for a slow client. */
    public void dropped(int messages) {
        dropped.add(messages);
    }

    /** Counts one connection closed with 1013. */
    public void slowClientClosed() {
        slowClientsClosed.increment();
    }

    long sentTotal() {
        return sent.sum();
    }

    long conflatedTotal() {
        return conflated.sum();
    }

    long droppedTotal() {
        return dropped.sum();
    }

    long slowClientsClosedTotal() {
        return slowClientsClosed.sum();
    }
}
