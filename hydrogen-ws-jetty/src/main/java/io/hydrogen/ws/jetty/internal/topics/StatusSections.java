package io.hydrogen.ws.jetty.internal.topics;

import com.google.gson.JsonElement;
import io.hydrogen.ws.jetty.internal.message.JsonValues;
import io.hydrogen.ws.jetty.internal.message.UnserialisableValueException;
import io.hydrogen.ws.spi.StatusProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the hosts' status sections for a status message, isolating the providers: they run in
 * parallel on the library's own threads, a tick waits at most the budget for them, and a provider
 * that throws, returns a value with no JSON form or is late is left out of that tick (values are
 * converted on the provider's thread). A provider still running from an earlier tick
 * is not called again until it returns, so a hung provider holds one thread, not one per tick.
 * Failures are logged once per streak. Thread-safe.
 */
final class StatusSections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusSections.class);

    private final List<Slot> slots;
    private final Duration budget;
    private final JsonValues json;
    private final ExecutorService executor;
    private volatile Map<String, JsonElement> latest = Map.of();

    /** One provider and its state across ticks; guarded by the StatusSections instance. */
    private static final class Slot {
        final StatusProvider provider;
        final String section;
        Future<JsonElement> inFlight;
        boolean failing;

        Slot(StatusProvider provider, String section) {
            this.provider = provider;
            this.section = section;
        }
    }

    /**
     * @param providers the providers, each with its validated, unique section name
     * @param budget how long {@link #collect()} waits for them
     * @param json the server's converter for the providers' values
     */
    public StatusSections(Map<String, StatusProvider> providers, Duration budget, JsonValues json) {
        List<Slot> list = new ArrayList<>();
        providers.forEach((section, provider) -> list.add(new Slot(provider, section)));
        this.slots = List.copyOf(list);
        this.budget = budget;
        this.json = json;
        AtomicInteger threads = new AtomicInteger();
        this.executor = slots.isEmpty() ? null : Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "hydrogen-ws-status-provider-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @return whether any provider is registered */
    public boolean isEmpty() {
        return slots.isEmpty();
    }

    /**
     * Asks every provider, waits at most the budget, and returns the sections that arrived in
     * time, ordered by name. Also remembers them for {@link #latest()}.
     */
    public synchronized Map<String, JsonElement> collect() {
        if (slots.isEmpty()) {
            return Map.of();
        }
        for (Slot slot : slots) {
            if (slot.inFlight == null || slot.inFlight.isDone()) {
                slot.inFlight = executor.submit(() -> json.toJson(slot.provider.status(), "status()"));
            }
        }
        long deadline = System.nanoTime() + budget.toNanos();
        Map<String, JsonElement> sections = new TreeMap<>();
        for (Slot slot : slots) {
            try {
                long remaining = Math.max(0, deadline - System.nanoTime());
                JsonElement value = slot.inFlight.get(remaining, TimeUnit.NANOSECONDS);
                sections.put(slot.section, value);
                recovered(slot);
            } catch (TimeoutException e) {
                failed(slot, "did not answer within " + budget.toMillis() + " ms", null);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnserialisableValueException unsendable) {
                    // The message says where and what to return instead; a stack trace would add nothing.
                    failed(slot, "returned a value that cannot be sent as JSON: " + unsendable.getMessage(), null);
                } else {
                    failed(slot, "threw " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        latest = Collections.unmodifiableMap(sections);
        return latest;
    }

    /** @return the sections of the last {@link #collect()}, without asking the providers */
    public Map<String, JsonElement> latest() {
        return latest;
    }

    private void failed(Slot slot, String what, Throwable cause) {
        if (!slot.failing) {
            slot.failing = true;
            LOG.warn("Status provider '{}' ({}) {}; its section is left out until it recovers", slot.section,
                    slot.provider.getClass().getName(), what, cause);
        }
    }

    private void recovered(Slot slot) {
        if (slot.failing) {
            slot.failing = false;
            LOG.info("Status provider '{}' recovered", slot.section);
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
