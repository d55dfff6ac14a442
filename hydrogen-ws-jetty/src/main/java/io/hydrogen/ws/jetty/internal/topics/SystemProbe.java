package io.hydrogen.ws.jetty.internal.topics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the status message reports about the machine and the process: {@code uname} values
 * (once), the live thread count and the process's memory (each time).
 *
 * <p>On Linux the values come from {@code /proc}, as {@code uname -s -n -r -v -m} and
 * {@code /proc/self/status} report them; elsewhere from the JVM.
 */
public final class SystemProbe {

    private static final Logger LOG = LoggerFactory.getLogger(SystemProbe.class);
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    /** The machine's identity, as {@code uname} prints it. */
    public record Uname(String sysname, String nodename, String release, String version, String machine) {
    }

    /** The process's resource use at one moment. */
    public record ProcessUsage(int threads, long virtualMemoryBytes, long residentMemoryBytes) {
    }

    /** How long a reading of the process's usage is reused: a reconnect storm must not read /proc per client. */
    private static final long USAGE_TTL_NANOS = 100_000_000L;

    private final Uname uname = readUname();
    private volatile ProcessUsage cachedUsage;
    private volatile long cachedAtNanos;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean procStatusReadable = Files.isReadable(PROC_STATUS);

    /** @return the machine's identity, read once when the probe was made */
    public Uname uname() {
        return uname;
    }

    /** @return the thread count and memory use, read at most 100 ms ago */
    public ProcessUsage usage() {
        long now = System.nanoTime();
        ProcessUsage usage = cachedUsage;
        if (usage == null || now - cachedAtNanos > USAGE_TTL_NANOS) {
            usage = readUsage();
            cachedUsage = usage;
            cachedAtNanos = now;
        }
        return usage;
    }

    private ProcessUsage readUsage() {
        long virtual = -1;
        long resident = -1;
        if (procStatusReadable) {
            try {
                for (String line : Files.readAllLines(PROC_STATUS, StandardCharsets.US_ASCII)) {
                    if (line.startsWith("VmSize:")) {
                        virtual = kilobytes(line);
                    } else if (line.startsWith("VmRSS:")) {
                        resident = kilobytes(line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("Could not read {}", PROC_STATUS, e);
            }
        }
        if (virtual < 0 || resident < 0) {
            Runtime rt = Runtime.getRuntime();
            long committed = rt.totalMemory();
            virtual = virtual < 0 ? committed : virtual;
            resident = resident < 0 ? committed - rt.freeMemory() : resident;
        }
        return new ProcessUsage(threads.getThreadCount(), virtual, resident);
    }

    private static long kilobytes(String line) {
        // "VmRSS:	   12345 kB"
        String digits = line.substring(line.indexOf(':') + 1).replace("kB", "").trim();
        return Long.parseLong(digits) * 1024L;
    }

    private static Uname readUname() {
        String sysname = readProc("/proc/sys/kernel/ostype", System.getProperty("os.name"));
        String nodename = readProc("/proc/sys/kernel/hostname", localHostName());
        String release = readProc("/proc/sys/kernel/osrelease", System.getProperty("os.version"));
        String version = readProc("/proc/sys/kernel/version", System.getProperty("os.version"));
        String machine = unameMachine();
        return new Uname(sysname, nodename, release, version, machine);
    }

    private static String readProc(String file, String fallback) {
        try {
            String value = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
            return value.isEmpty() ? fallback : value;
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** {@code uname -m} has no /proc file; ask it once, else translate Java's spelling. */
    private static String unameMachine() {
        try {
            Process process = new ProcessBuilder("uname", "-m").redirectErrorStream(true).start();
            // Wait first (the output is a few bytes, it fits the pipe): a hung uname must not hang start().
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            } else if (process.exitValue() == 0) {
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!out.isEmpty()) {
                    return out;
                }
            }
        } catch (IOException e) {
            LOG.debug("uname -m is not available; using os.arch", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return machineFromOsArch(System.getProperty("os.arch", "unknown"));
    }

    static String machineFromOsArch(String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (List.of("amd64", "x86_64", "x64").contains(arch)) {
            return "x86_64";
        }
        if (List.of("x86", "i386", "i486", "i586", "i686").contains(arch)) {
            return "i686";
        }
        if (arch.equals("arm64")) {
            return "aarch64";
        }
        return arch;
    }
}
