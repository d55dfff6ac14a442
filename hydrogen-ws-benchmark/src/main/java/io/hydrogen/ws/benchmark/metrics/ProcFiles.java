package io.hydrogen.ws.benchmark.metrics;

/**
 * Parses the two {@code /proc/PID} files the generator reads: {@code status} (memory, threads)
 * and {@code stat} (CPU ticks). Pure functions on the file text.
 */
public final class ProcFiles {

    private ProcFiles() {
    }

    /**
     * @param status the text of {@code /proc/PID/status}
     * @param field a field name with its colon, for example {@code "VmRSS:"}
     * @return the field's numeric value (kB for memory fields, a count for {@code Threads:}), or -1
     */
    public static long statusValue(String status, String field) {
        int at = status.startsWith(field) ? 0 : status.indexOf("\n" + field);
        if (at < 0) {
            return -1;
        }
        int i = status.indexOf(field, at) + field.length();
        int end = status.indexOf('\n', i);
        String value = status.substring(i, end < 0 ? status.length() : end).replace("kB", "").trim();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A process's CPU time from its {@code /proc/PID/stat}, in clock ticks. */
    public record CpuTicks(long user, long system) {
        /** @return user plus system time */
        public long total() {
            return user + system;
        }
    }

    /**
     * @param stat the text of {@code /proc/PID/stat}
     * @return its {@code utime} and {@code stime}, or {@code null} if {@code stat} is not a stat line
     */
    public static CpuTicks cpuTicks(String stat) {
        // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] fields = stat.substring(close + 1).trim().split(" +");
        // fields[0] is field 3 (state), so utime (field 14) is fields[11] and stime (15) fields[12].
        if (fields.length < 13) {
            return null;
        }
        try {
            return new CpuTicks(Long.parseLong(fields[11]), Long.parseLong(fields[12]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
