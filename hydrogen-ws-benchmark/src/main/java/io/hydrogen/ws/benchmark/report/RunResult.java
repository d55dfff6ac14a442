package io.hydrogen.ws.benchmark.report;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The numbers of one load-generator run as ordered {@code key=value} pairs: written as a
 * properties file (easy to read from Java and from a shell script) and rendered by
 * {@link Summary} and {@link ResultsTable}. Unknown values (-1) are left out rather than written.
 * Key names are documented in docs/performance.md.
 */
public final class RunResult {

    private final Map<String, String> values = new LinkedHashMap<>();

    /** Records a count; negative means unknown and is left out. */
    public RunResult put(String key, long value) {
        if (value >= 0) {
            values.put(key, Long.toString(value));
        }
        return this;
    }

    /** Records a measurement with up to three decimals; negative or NaN means unknown and is left out. */
    public RunResult put(String key, double value) {
        if (value >= 0 && !Double.isInfinite(value)) {
            values.put(key, String.format(Locale.ROOT, "%.3f", value).replaceAll("\\.?0+$", ""));
        }
        return this;
    }

    /** Records a text value. */
    public RunResult put(String key, String value) {
        values.put(key, value.replace('\n', ' '));
        return this;
    }

    /** @return the value of {@code key}, or {@code null} */
    public String get(String key) {
        return values.get(key);
    }

    /** @return the numeric value of {@code key}, or NaN if absent or not a number */
    public double number(String key) {
        String value = values.get(key);
        if (value == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** @return every key with {@code prefix}, mapped from the rest of the key to its value */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** @return all pairs in the order they were recorded */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** Writes {@code key=value} lines, in recording order. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# Hydrogen WebSocket load generator result (docs/performance.md)\n");
            for (Map.Entry<String, String> e : values.entrySet()) {
                out.write(e.getKey() + "=" + e.getValue().replace("\\", "\\\\") + "\n");
            }
        }
    }

    /** Reads a file written by {@link #write} (plus any lines a script appended). */
    public static RunResult read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        RunResult result = new RunResult();
        properties.stringPropertyNames().stream().sorted().forEach(k -> result.values.put(k, properties.getProperty(k)));
        return result;
    }
}
