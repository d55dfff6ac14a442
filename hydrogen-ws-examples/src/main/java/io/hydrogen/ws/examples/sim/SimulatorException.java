package io.hydrogen.ws.examples.sim;

import java.util.Locale;
import java.util.Objects;

/**
 * A command the {@link SimulatedPrinter} refused: its {@link #code()} says why in a form a command
 * interface can send to a client as an error code, its message says it to a person.
 */
public final class SimulatorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a command was refused. */
    public enum Code {
        /** A value outside its range, for example a target above the heater's maximum. */
        OUT_OF_RANGE,
        /** A heater the printer does not have. */
        UNKNOWN_HEATER,
        /** A missing or malformed argument, for example a blank file name. */
        INVALID_ARGUMENT,
        /** Pause, resume or cancel while no job is printing or paused. */
        NO_JOB,
        /** Start while a job is printing or paused, or resume while it is printing. */
        JOB_RUNNING,
        /** Pause while the job is already paused. */
        JOB_NOT_RUNNING;

        /** @return the code as a client sees it, for example {@code out_of_range} */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Code code;

    /**
     * @param code why the command was refused
     * @param message what to tell a person
     */
    public SimulatorException(Code code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** @return why the command was refused */
    public Code code() {
        return code;
    }
}
