package io.hydrogen.ws.benchmark.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the server process through {@code /proc/PID}: samples its resident set periodically
 * (VmRSS rises and falls with GC, so the peak needs sampling; VmHWM gives the kernel's own peak)
 * and reads its CPU time on demand. Without a PID every reading is -1.
 */
public final class ServerProcessMonitor implements AutoCloseable {

    private final Path status;
    private final Path stat;
    private final double ticksPerSecond;
    private final AtomicLong peakRssKib = new AtomicLong(-1);
    private final ScheduledExecutorService sampler;

    /**
     * @param pid the server's process id, or 0 for none
     * @param periodMillis how often to sample VmRSS
     */
    public ServerProcessMonitor(long pid, long periodMillis) {
        this.status = pid > 0 ? Path.of("/proc", Long.toString(pid), "status") : null;
        this.stat = pid > 0 ? Path.of("/proc", Long.toString(pid), "stat") : null;
        this.ticksPerSecond = ClockTicks.perSecond();
        if (status == null) {
            sampler = null;
            return;
        }
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "server-rss-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::rssKib, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** @return whether a server process is being watched */
    public boolean enabled() {
        return status != null;
    }

    /** @return the server's VmRSS now in KiB (and folds it into the peak), or -1 */
    public long rssKib() {
        long rss = statusValue("VmRSS:");
        peakRssKib.accumulateAndGet(rss, Math::max);
        return rss;
    }

    /** @return the highest VmRSS sampled so far, in KiB, or -1 */
    public long peakRssKib() {
        return peakRssKib.get();
    }

    /** @return the kernel's peak resident set (VmHWM) in KiB, or -1 */
    public long hwmKib() {
        return statusValue("VmHWM:");
    }

    /** @return the server's thread count, or -1 */
    public long threads() {
        return statusValue("Threads:");
    }

    /**
     * The server's CPU time in seconds, both parts read from one {@code /proc/PID/stat}.
     *
     * @param total user plus system time, -1 if unknown
     * @param user user time (the kernel's is the rest), -1 if unknown
     */
    public record CpuTime(double total, double user) {
        static final CpuTime UNKNOWN = new CpuTime(-1, -1);

        /** @return the CPU time spent since {@code start}, or {@link #UNKNOWN} if either is unknown */
        public CpuTime since(CpuTime start) {
            return total < 0 || start.total < 0 ? UNKNOWN : new CpuTime(total - start.total, user - start.user);
        }
    }

    /** @return the server's CPU time so far, or {@link CpuTime#UNKNOWN} */
    public CpuTime cpuTime() {
        String text = read(stat);
        ProcFiles.CpuTicks ticks = text == null ? null : ProcFiles.cpuTicks(text);
        return ticks == null ? CpuTime.UNKNOWN
                : new CpuTime(ticks.total() / ticksPerSecond, ticks.user() / ticksPerSecond);
    }

    private long statusValue(String field) {
        String text = read(status);
        return text == null ? -1 : ProcFiles.statusValue(text, field);
    }

    private static String read(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null; // the process has exited
        }
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}
