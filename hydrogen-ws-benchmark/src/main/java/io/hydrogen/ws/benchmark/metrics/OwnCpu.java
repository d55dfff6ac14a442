package io.hydrogen.ws.benchmark.metrics;

import java.lang.management.ManagementFactory;

/**
 * The generator's own CPU time: if it nears one core per core it may use, the generator, not the
 * server, limits the numbers.
 */
public final class OwnCpu {

    private OwnCpu() {
    }

    /** @return this process's user plus system CPU time in seconds, or -1 if the JVM cannot tell */
    public static double seconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? -1 : nanos / 1e9;
        }
        return -1;
    }
}
