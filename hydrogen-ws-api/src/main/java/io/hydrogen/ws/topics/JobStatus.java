package io.hydrogen.ws.topics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The value of the {@code job} topic: the print job as the host sees it. The SDK never invents
 * values; the host publishes every change it wants clients to see.
 *
 * @param state the job's state
 * @param file the file being printed, or {@code null} when none
 * @param progress how far the job is, from 0 to 1
 * @param elapsedSeconds seconds since the job started (0 when none)
 * @param remainingSeconds the host's estimate of the seconds left, or {@code null} when unknown
 * @param layer the current layer, or {@code null} when unknown
 * @param layers the number of layers, or {@code null} when unknown
 */
public record JobStatus(State state, String file, double progress, double elapsedSeconds, Double remainingSeconds,
        Integer layer, Integer layers) {

    /** The states of a print job. */
    public enum State {
        /** No job. */
        IDLE,
        /** Printing. */
        PRINTING,
        /** Paused; may resume. */
        PAUSED,
        /** Finished successfully. */
        COMPLETE,
        /** Cancelled by someone. */
        CANCELLED,
        /** Stopped by an error. */
        ERROR;

        /** @return the name on the wire, for example {@code printing} */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A job topic's value when there is no job. */
    public static final JobStatus IDLE = new JobStatus(State.IDLE, null, 0, 0, null, null, null);

    /**
     * Validates the job's values.
     *
     * @param state the job's state
     * @param file the file being printed, or {@code null}
     * @param progress 0 to 1
     * @param elapsedSeconds seconds since the job started
     * @param remainingSeconds the estimate of the seconds left, or {@code null}
     * @param layer the current layer, or {@code null}
     * @param layers the number of layers, or {@code null}
     * @throws NullPointerException if {@code state} is {@code null}
     * @throws IllegalArgumentException if {@code progress} is outside 0..1, a duration is negative
     *     or not finite, or a layer number is negative
     */
    public JobStatus {
        Objects.requireNonNull(state, "state");
        if (!(progress >= 0 && progress <= 1)) {
            throw new IllegalArgumentException("progress must be between 0 and 1, was " + progress);
        }
        requireDuration("elapsedSeconds", elapsedSeconds);
        if (remainingSeconds != null) {
            requireDuration("remainingSeconds", remainingSeconds);
        }
        if ((layer != null && layer < 0) || (layers != null && layers < 0)) {
            throw new IllegalArgumentException("layer numbers must not be negative, were " + layer + "/" + layers);
        }
    }

    /**
     * Returns the value as the protocol writes it: {@code state}, {@code file}, {@code progress},
     * {@code elapsed_s}, {@code remaining_s}, {@code layer}, {@code layers}.
     *
     * @return the members in protocol order; unknown values are {@code null}
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("state", state.wireName());
        wire.put("file", file);
        wire.put("progress", progress);
        wire.put("elapsed_s", elapsedSeconds);
        wire.put("remaining_s", remainingSeconds);
        wire.put("layer", layer);
        wire.put("layers", layers);
        return wire;
    }

    private static void requireDuration(String name, double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException(name + " must be a finite number of seconds >= 0, was " + seconds);
        }
    }
}
