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

    /** @return the server's user plus system CPU time in seconds, or -1 */
    public double cpuSeconds() {
        String text = read(stat);
        long ticks = text == null ? -1 : ProcFiles.cpuTicks(text);
        return ticks < 0 ? -1 : ticks / ticksPerSecond;
    }

    /** @return the server's user CPU time in seconds (its kernel time is the rest), or -1 */
    public double userCpuSeconds() {
        String text = read(stat);
        long ticks = text == null ? -1 : ProcFiles.userTicks(text);
        return ticks < 0 ? -1 : ticks / ticksPerSecond;
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
