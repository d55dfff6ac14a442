package io.hydrogen.ws.benchmark.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The kernel's clock ticks per second ({@code getconf CLK_TCK}), the unit of /proc CPU times. */
final class ClockTicks {

    private static final double LINUX_DEFAULT = 100;

    private ClockTicks() {
    }

    static double perSecond() {
        try {
            Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (process.waitFor(2, TimeUnit.SECONDS) && process.exitValue() == 0) {
                return Double.parseDouble(out);
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: every Linux we run on uses 100
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return LINUX_DEFAULT;
    }
}
