package io.hydrogen.ws.jetty.internal.topics;

import com.google.gson.JsonElement;
import io.hydrogen.ws.jetty.internal.context.DefaultServerContext;
import io.hydrogen.ws.jetty.internal.message.JsonValues;
import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import io.hydrogen.ws.spi.StatusProvider;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The {@code status} topic: the seed's status message, which every authenticated connection
 * receives. The one place where a status is taken (snapshot), written (JSON) and encoded (UTF-8):
 * push ticks, greetings, the goodbye, {@code status} replies and the system info endpoint all come
 * from here. Thread-safe.
 */
public final class StatusTopic implements AutoCloseable {

    /**
     * A status message encoded once, to be shared by every recipient's queue.
     *
     * @param seq the status sequence number it carries
     * @param utf8 the message as UTF-8; each send takes its own slice
     */
    public record Encoded(long seq, ByteBuffer utf8) {
    }

    private final DefaultServerContext context;
    private final SystemProbe probe;
    private final StatusSections sections;
    private final boolean periodic;
    private final String epoch;

    /**
     * @param providers the status providers by section name
     * @param providerBudget how long a tick waits for the providers
     * @param json converts the providers' values
     * @param epoch the server's epoch, which every status message carries
     * @param periodic whether push ticks run; if not, greetings and replies ask the status providers
     *     themselves (waiting at most their budget) instead of reusing the latest tick's sections
     */
    public StatusTopic(DefaultServerContext context, Map<String, StatusProvider> providers, Duration providerBudget,
            JsonValues json, boolean periodic, String epoch) {
        this.epoch = epoch;
        this.context = context;
        this.probe = new SystemProbe();
        this.sections = new StatusSections(providers, providerBudget, json);
        this.periodic = periodic;
    }

    /** @return a push tick: the next sequence number, fresh sections, encoded once */
    public Encoded tick() {
        return encode(snapshot(context.nextStatusSequence(), sections.collect()));
    }

    /**
     * @return the last message of a graceful shutdown: a tick taken while the server is shutting
     *     down, so it says {@code running:false, shutting_down:true}
     */
    public Encoded goodbye() {
        return tick();
    }

    /** @return the greeting of a newly authenticated connection: the latest tick's sequence number */
    public Encoded greeting() {
        return encode(current());
    }

    /** @return the reply to a {@code status} request, echoing its {@code id} */
    public String reply(JsonElement id) {
        return OutboundJson.status(current(), id, Map.of());
    }

    /** @return the system info endpoint's body: the current status plus {@code extra} top-level fields */
    public String systemInfo(Map<String, Object> extra) {
        return OutboundJson.status(current(), null, extra);
    }

    /** Asks the status providers once, so that greetings before the first tick carry their sections. */
    public void prime() {
        sections.collect();
    }

    /** Stops the status providers' threads. */
    @Override
    public void close() {
        sections.close();
    }

    private static Encoded encode(StatusSnapshot snapshot) {
        return new Encoded(snapshot.seq(), OutboundJson.utf8(OutboundJson.status(snapshot, null, Map.of())));
    }

    private StatusSnapshot current() {
        Map<String, JsonElement> latest = periodic || sections.isEmpty() ? sections.latest() : sections.collect();
        return snapshot(context.currentStatusSequence(), latest);
    }

    private StatusSnapshot snapshot(long seq, Map<String, JsonElement> sectionValues) {
        Instant start = context.serverStartTime();
        return new StatusSnapshot(seq, System.currentTimeMillis(), epoch, start == null ? Instant.now() : start,
                context.activeConnections(), context.totalConnections(), context.totalRequests(), probe.uname(),
                probe.usage(), context.isRunning(), context.isShuttingDown(), sectionValues);
    }
}
