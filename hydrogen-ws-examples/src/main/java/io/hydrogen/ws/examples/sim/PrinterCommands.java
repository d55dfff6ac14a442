package io.hydrogen.ws.examples.sim;

import io.hydrogen.ws.EndpointConfig;
import io.hydrogen.ws.examples.sim.SimulatorException.Code;
import io.hydrogen.ws.spi.MessageException;
import io.hydrogen.ws.spi.MessageRequest;
import io.hydrogen.ws.topics.JobStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link SimulatedPrinter}'s commands on a Hydrogen endpoint, so that a client can drive it:
 * {@value #SET_TEMPERATURE} {@code {heater, target}}, {@value #JOB_START} {@code {file}},
 * {@value #JOB_PAUSE}, {@value #JOB_RESUME}, {@value #JOB_CANCEL} and {@value #EMERGENCY_STOP}.
 * They are commands ({@link EndpointConfig.Builder#command}): only a client with the
 * {@code control} scope that holds the control lease may call them; the SDK enforces both.
 *
 * <p>Each answers with a result: {@value #SET_TEMPERATURE} with {@code {"heater","target"}}, the
 * job commands with the job as the {@code job} topic shows it, {@value #EMERGENCY_STOP} with
 * {@code {"heaters_off":[...],"job":{...}}}. A missing, malformed or unknown argument is the error
 * {@value #INVALID_ARGUMENT} with {@code details.field} naming it and {@code details.reason}
 * ({@code missing}, {@code not a string}, {@code not a number}, {@code blank},
 * {@code unknown argument}); what the printer refuses is the error named by the
 * {@link SimulatorException}'s code ({@code out_of_range}, {@code unknown_heater}, {@code no_job},
 * {@code job_running}, {@code job_not_running}) with details that say what is allowed.
 */
public final class PrinterCommands {

    /** Sets a heater's target: {@code {"heater":"extruder","target":200}}; 0 turns it off. */
    public static final String SET_TEMPERATURE = "printer.set_temperature";
    /** Starts a print job: {@code {"file":"benchy.gcode"}}. */
    public static final String JOB_START = "job.start";
    /** Pauses the printing job. */
    public static final String JOB_PAUSE = "job.pause";
    /** Resumes the paused job. */
    public static final String JOB_RESUME = "job.resume";
    /** Cancels the printing or paused job. */
    public static final String JOB_CANCEL = "job.cancel";
    /** Every heater off, the job to {@code error}, a {@code critical} notification. */
    public static final String EMERGENCY_STOP = "printer.emergency_stop";
    /** Every command's type, in the order above. */
    public static final List<String> TYPES = List.of(SET_TEMPERATURE, JOB_START, JOB_PAUSE, JOB_RESUME, JOB_CANCEL,
            EMERGENCY_STOP);
    /** The error code of a missing, malformed or unknown argument. */
    public static final String INVALID_ARGUMENT = "invalid_argument";

    /** Members of every message that are not arguments. */
    private static final List<String> ENVELOPE = List.of("type", "id");

    private PrinterCommands() {
    }

    /**
     * Registers the printer's commands.
     *
     * @param endpoint the endpoint options of the server being built
     * @param printer the printer the commands drive; thread-safe, so the handlers may run on any
     *     connection's thread
     * @return {@code endpoint}
     */
    public static EndpointConfig.Builder register(EndpointConfig.Builder endpoint, SimulatedPrinter printer) {
        Objects.requireNonNull(printer, "printer");
        return endpoint
                .command(SET_TEMPERATURE, request -> setTemperature(printer, request))
                .command(JOB_START, request -> {
                    String file = Arguments.of(request, "file").string("file");
                    return jobCommand(printer, () -> printer.startJob(file));
                })
                .command(JOB_PAUSE, request -> jobCommand(printer, request, printer::pauseJob))
                .command(JOB_RESUME, request -> jobCommand(printer, request, printer::resumeJob))
                .command(JOB_CANCEL, request -> jobCommand(printer, request, printer::cancelJob))
                .command(EMERGENCY_STOP, request -> {
                    Arguments.of(request);
                    JobStatus job = printer.emergencyStop(); // cannot be refused
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("heaters_off", printer.heaterNames());
                    result.put("job", job.toWire());
                    return result;
                });
    }

    private static Object setTemperature(SimulatedPrinter printer, MessageRequest request) throws MessageException {
        Arguments arguments = Arguments.of(request, "heater", "target");
        String heater = arguments.string("heater");
        double target = arguments.number("target");
        return call(() -> {
            printer.setTemperature(heater, target);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("heater", heater);
            result.put("target", target);
            return result;
        }, code -> code == Code.UNKNOWN_HEATER
                ? details("field", "heater", "heaters", printer.heaterNames())
                : details("field", "target", "heater", heater, "min", 0, "max", printer.maxTarget(heater)));
    }

    /** A job command without arguments. */
    private static Object jobCommand(SimulatedPrinter printer, MessageRequest request, Supplier<JobStatus> action)
            throws MessageException {
        Arguments.of(request);
        return jobCommand(printer, action);
    }

    /** @return the job after {@code action}; a refusal's details carry the job as it is */
    private static Object jobCommand(SimulatedPrinter printer, Supplier<JobStatus> action) throws MessageException {
        return call(() -> action.get().toWire(), code -> details("job", printer.job().toWire()));
    }

    /**
     * Runs a printer command, turning its refusal into the error a client gets.
     *
     * @param details the error's details for a refusal's code
     */
    private static Object call(Supplier<Object> action, Function<Code, Map<String, Object>> details)
            throws MessageException {
        try {
            return action.get();
        } catch (SimulatorException e) {
            throw new MessageException(e.code().wireName(), e.getMessage(), details.apply(e.code()));
        }
    }

    /** @return the pairs as an ordered map */
    private static Map<String, Object> details(Object... pairs) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            details.put((String) pairs[i], pairs[i + 1]);
        }
        return details;
    }

    /** A command's arguments: the members of its message besides {@code type} and {@code id}. */
    static final class Arguments {

        private final String command;
        private final Map<String, Object> payload;

        private Arguments(String command, Map<String, Object> payload) {
            this.command = command;
            this.payload = payload;
        }

        /**
         * @param request the command message
         * @param names the arguments the command takes
         * @return its arguments
         * @throws MessageException {@value #INVALID_ARGUMENT} for a member that is not one of them
         */
        static Arguments of(MessageRequest request, String... names) throws MessageException {
            List<String> allowed = List.of(names);
            for (String member : request.payload().keySet()) {
                if (!ENVELOPE.contains(member) && !allowed.contains(member)) {
                    throw new MessageException(INVALID_ARGUMENT, request.type() + " takes "
                            + (allowed.isEmpty() ? "no arguments" : "only " + String.join(", ", allowed))
                            + "; remove " + member, details("field", member, "reason", "unknown argument",
                                    "allowed", allowed));
                }
            }
            return new Arguments(request.type(), request.payload());
        }

        /** @return the argument, a string that is not blank */
        String string(String name) throws MessageException {
            if (!(require(name) instanceof String value)) {
                throw invalid(name, "not a string", "must be a string");
            }
            if (value.isBlank()) {
                throw invalid(name, "blank", "must not be blank");
            }
            return value;
        }

        /** @return the argument, a number */
        double number(String name) throws MessageException {
            if (!(require(name) instanceof Number value)) {
                throw invalid(name, "not a number", "must be a number");
            }
            return value.doubleValue();
        }

        private Object require(String name) throws MessageException {
            Object value = payload.get(name);
            if (value == null) {
                throw invalid(name, "missing", "is missing");
            }
            return value;
        }

        private MessageException invalid(String name, String reason, String says) {
            return new MessageException(INVALID_ARGUMENT, command + ": argument " + name + " " + says,
                    details("field", name, "reason", reason));
        }
    }
}
