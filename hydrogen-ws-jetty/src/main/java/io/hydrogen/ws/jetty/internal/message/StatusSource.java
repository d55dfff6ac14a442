package io.hydrogen.ws.jetty.internal.message;

import com.google.gson.JsonElement;
import io.hydrogen.ws.jetty.internal.context.DefaultServerContext;
import io.hydrogen.ws.jetty.internal.context.SystemProbe;
import java.time.Instant;
import java.util.Map;

/** Takes {@link StatusSnapshot}s of one server. Thread-safe. */
public final class StatusSource {

    private final DefaultServerContext context;
    private final SystemProbe probe;
    private final StatusSections sections;
    private final boolean periodic;

    /**
     * @param periodic whether push ticks run; if not, greetings and replies ask the status providers
     *     themselves (waiting at most their budget) instead of reusing the latest tick's sections
     */
    public StatusSource(DefaultServerContext context, SystemProbe probe, StatusSections sections, boolean periodic) {
        this.context = context;
        this.probe = probe;
        this.sections = sections;
        this.periodic = periodic;
    }

    /** @return a snapshot for a new push tick: the next sequence number and fresh sections */
    public StatusSnapshot nextTick() {
        Map<String, JsonElement> fresh = sections.collect();
        return snapshot(context.nextStatusSequence(), fresh);
    }

    /** @return a snapshot with the latest tick's sequence number, for greetings and replies */
    public StatusSnapshot current() {
        Map<String, JsonElement> latest = periodic || sections.isEmpty() ? sections.latest() : sections.collect();
        return snapshot(context.currentStatusSequence(), latest);
    }

    private StatusSnapshot snapshot(long seq, Map<String, JsonElement> sectionValues) {
        Instant start = context.serverStartTime();
        return new StatusSnapshot(seq, System.currentTimeMillis(), start == null ? Instant.now() : start,
                context.activeConnections(), context.totalConnections(), context.totalRequests(), probe.uname(),
                probe.usage(), context.isRunning(), context.isShuttingDown(), sectionValues);
    }
}
