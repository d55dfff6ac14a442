package io.hydrogen.ws.examples;

import io.hydrogen.ws.spi.StatusProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An example status provider: section {@code jvm} with the host JVM's vital signs.
 *
 * <pre>{@code
 * "jvm": {"uptime_ms": 73512, "heap_used_bytes": 41943040, "heap_max_bytes": 4294967296,
 *         "available_processors": 8}
 * }</pre>
 *
 * <p>{@code heap_max_bytes} is {@code null} when the JVM has no defined maximum. Register it with
 * {@code builder.endpoint(e -> e.statusProvider(new JvmStatusProvider()))}. It is not listed in
 * {@code META-INF/services}, so the example runner does not pick it up on its own. Its test runs
 * the {@code StatusProviderContract} of {@code hydrogen-ws-testkit}.
 */
public final class JvmStatusProvider implements StatusProvider {

    private final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    @Override
    public String section() {
        return "jvm";
    }

    @Override
    public Map<String, Object> status() {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("uptime_ms", runtime.getUptime());
        status.put("heap_used_bytes", heap.getUsed());
        status.put("heap_max_bytes", heap.getMax() < 0 ? null : heap.getMax());
        status.put("available_processors", Runtime.getRuntime().availableProcessors());
        return status;
    }
}
