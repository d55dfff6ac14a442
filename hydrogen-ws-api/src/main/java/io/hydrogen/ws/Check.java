package io.hydrogen.ws;

import java.time.Duration;
import java.util.Locale;

/**
 * The checks the configuration groups share. Each message starts with the option's name (the
 * example runner maps it to its flag) and says which values are allowed and what was given.
 */
final class Check {

    /** No duration option makes sense beyond a day, and a cap keeps nanosecond arithmetic safe. */
    static final Duration MAX_DURATION = Duration.ofDays(1);

    private Check() {
    }

    static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be between %d and %d, was %d",
                    name, min, max, value));
        }
        return value;
    }

    static long range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be between %d and %d, was %d",
                    name, min, max, value));
        }
        return value;
    }

    static Duration positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return atMostADay(name, value);
    }

    static Duration notNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, was " + value);
        }
        return atMostADay(name, value);
    }

    /** A period that is either zero (the feature is off) or at least {@code minMillis}. */
    static Duration zeroOrAtLeast(String name, Duration value, long minMillis) {
        notNegative(name, value);
        if (!value.isZero() && value.toMillis() < minMillis) {
            throw new IllegalArgumentException(name + " must be zero (off) or at least " + minMillis + " ms, was "
                    + value);
        }
        return value;
    }

    static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }

    private static Duration atMostADay(String name, Duration value) {
        if (value.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_DURATION + ", was " + value);
        }
        return value;
    }
}
