package io.hydrogen.ws.examples.sim;

import io.hydrogen.ws.examples.sim.SimulatorException.Code;
import io.hydrogen.ws.topics.JobStatus;
import io.hydrogen.ws.topics.JobStatus.State;
import io.hydrogen.ws.topics.Notification;
import io.hydrogen.ws.topics.Notification.Level;
import io.hydrogen.ws.topics.Temperatures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated 3D printer, so that the example runner shows live data without hardware: two heaters,
 * {@code extruder} (up to 300 °C) and {@code heater_bed} (up to 120 °C), starting at 25 °C, and a
 * print job. It publishes to a {@link PrinterOutput}: the temperatures on every {@link #tick()},
 * the job whenever it changes, and notifications ({@code temperature_reached}, {@code job_started},
 * {@code job_paused}, {@code job_resumed}, {@code job_complete}, {@code job_cancelled},
 * {@code emergency_stop}).
 *
 * <p>Time comes from a {@link Clock} and runs {@code speed} times faster in the simulation, so tests
 * can drive it with a fake clock; a {@link SimulatorLoop} ticks it 10 times a second. The commands
 * ({@link #setTemperature}, {@link #startJob}, ...) first bring the simulation up to the clock's
 * now, then act, and refuse bad input with a {@link SimulatorException} whose code names the
 * problem. Thread-safe: every method may be called from any thread.
 */
public final class SimulatedPrinter {

    /** A monotonic time source in nanoseconds; {@link #SYSTEM} in production, a fake in tests. */
    @FunctionalInterface
    public interface Clock {
        /** {@link System#nanoTime()}. */
        Clock SYSTEM = System::nanoTime;

        /** @return the current time in nanoseconds, from an arbitrary origin; never decreasing */
        long nanos();
    }

    /** How close to a target, in °C, a heater must come to raise {@code temperature_reached}. */
    public static final double REACHED_TOLERANCE = 1.5;
    /** The largest speed factor. */
    public static final double MAX_SPEED = 1000;
    /** The amplitude of the thermistor noise on every reading, °C. */
    static final double NOISE = 0.05;
    /** The largest step of the physics, in simulated seconds; keeps the integration stable. */
    private static final double STEP = 0.1;
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedPrinter.class);

    private final PrinterOutput output;
    private final Clock clock;
    private final double speed;
    private final RandomGenerator noise;
    private final Map<String, SimulatedHeater> heaters = new LinkedHashMap<>(); // guarded by this
    private final Map<String, Double> readings = new LinkedHashMap<>(); // guarded by this
    private SimulatedJob job; // guarded by this; null before the first job
    private JobStatus publishedJob; // guarded by this
    private long lastNanos; // guarded by this

    /**
     * Creates a printer with both heaters off at ambient and no job. Nothing is published until the
     * first {@link #tick()}.
     *
     * @param output where to publish; it must not block
     * @param clock the time source
     * @param speed how many simulated seconds pass per second of the clock (1: real time)
     * @param noise the source of the thermistor noise (a seeded one makes a run repeatable)
     * @throws IllegalArgumentException if {@code speed} is not a number in (0, {@value #MAX_SPEED}]
     */
    public SimulatedPrinter(PrinterOutput output, Clock clock, double speed, RandomGenerator noise) {
        this.output = Objects.requireNonNull(output, "output");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.noise = Objects.requireNonNull(noise, "noise");
        this.speed = checkSpeed(speed);
        for (SimulatedHeater heater : List.of(SimulatedHeater.extruder(), SimulatedHeater.bed())) {
            heaters.put(heater.name(), heater);
            readings.put(heater.name(), heater.actual());
        }
        this.lastNanos = clock.nanos();
    }

    /**
     * @param speed a speed factor
     * @return {@code speed}
     * @throws IllegalArgumentException if it is not a number in (0, {@value #MAX_SPEED}]
     */
    public static double checkSpeed(double speed) {
        if (!(speed > 0 && speed <= MAX_SPEED)) {
            throw new IllegalArgumentException("speed must be more than 0 and at most " + (int) MAX_SPEED
                    + ", was " + speed);
        }
        return speed;
    }

    /** @return the heaters' names, {@code extruder} then {@code heater_bed} */
    public List<String> heaterNames() {
        return List.copyOf(heaters.keySet()); // never changes after construction
    }

    /**
     * Brings the simulation up to the clock's now and publishes the temperatures, and the job if it
     * changed. The {@link SimulatorLoop} calls this 10 times a second.
     */
    public synchronized void tick() {
        advance();
        heaters.forEach((name, heater) -> readings.put(name, heater.actual() + (noise.nextDouble() * 2 - 1) * NOISE));
        output.temperatures(temperatures());
        publishJobIfChanged();
    }

    /**
     * @return the heaters' targets and power now, and their readings (with thermistor noise) as of
     *     the latest tick
     */
    public synchronized Temperatures temperatures() {
        Map<String, Temperatures.Heater> values = new LinkedHashMap<>();
        heaters.forEach((name, heater) -> values.put(name, new Temperatures.Heater(
                round(readings.get(name), 100), heater.target(), round(heater.power(), 100))));
        return new Temperatures(values, Map.of());
    }

    /** @return the job as the topic shows it; {@link JobStatus#IDLE} before the first job */
    public synchronized JobStatus job() {
        return job == null ? JobStatus.IDLE : job.status();
    }

    /**
     * @param heater {@code extruder} or {@code heater_bed}
     * @return the highest target the heater allows, °C
     * @throws SimulatorException {@code unknown_heater} for another name
     */
    public double maxTarget(String heater) {
        return heater(heater).maxTarget(); // never changes after construction
    }

    /**
     * Sets a heater's target.
     *
     * @param heater {@code extruder} or {@code heater_bed}
     * @param target °C; 0 turns the heater off
     * @throws SimulatorException {@code unknown_heater} for another name, {@code out_of_range} for a
     *     target that is negative, not a number, or above the heater's maximum
     */
    public synchronized void setTemperature(String heater, double target) {
        SimulatedHeater found = heater(heater);
        if (!(target >= 0 && target <= found.maxTarget())) {
            throw new SimulatorException(Code.OUT_OF_RANGE, found.name() + " target " + target
                    + " °C is out of range: 0 (off) to " + format(found.maxTarget()) + " °C");
        }
        advance();
        found.target(target);
        LOG.info("{} target {} °C", found.name(), format(target));
        output.temperatures(temperatures());
    }

    /**
     * Starts printing a file; the job takes 60 to 120 simulated seconds, depending on the name.
     *
     * @param file any non-blank name
     * @return the job as the {@code job} topic shows it after the command
     * @throws SimulatorException {@code invalid_argument} for a blank name, {@code job_running} if a
     *     job is printing or paused
     */
    public synchronized JobStatus startJob(String file) {
        if (file == null || file.isBlank()) {
            throw new SimulatorException(Code.INVALID_ARGUMENT, "A job needs a file name");
        }
        advance();
        if (job != null && job.active()) {
            throw new SimulatorException(Code.JOB_RUNNING,
                    "A job is already " + job.state().wireName() + ": " + job.file() + "; cancel it first");
        }
        job = new SimulatedJob(file.strip());
        changeJob(Level.INFO, "job_started", "Started " + job.file());
        return job();
    }

    /**
     * Pauses the printing job.
     *
     * @return the job as the {@code job} topic shows it after the command
     * @throws SimulatorException {@code no_job} if no job is printing or paused,
     *     {@code job_not_running} if it is already paused
     */
    public synchronized JobStatus pauseJob() {
        advance();
        SimulatedJob active = activeJob("pause");
        if (active.state() == State.PAUSED) {
            throw new SimulatorException(Code.JOB_NOT_RUNNING, active.file() + " is already paused");
        }
        active.state(State.PAUSED);
        changeJob(Level.INFO, "job_paused", "Paused " + active.file());
        return job();
    }

    /**
     * Resumes the paused job.
     *
     * @return the job as the {@code job} topic shows it after the command
     * @throws SimulatorException {@code no_job} if no job is printing or paused,
     *     {@code job_running} if it is printing
     */
    public synchronized JobStatus resumeJob() {
        advance();
        SimulatedJob active = activeJob("resume");
        if (active.state() == State.PRINTING) {
            throw new SimulatorException(Code.JOB_RUNNING, active.file() + " is printing, not paused");
        }
        active.state(State.PRINTING);
        changeJob(Level.INFO, "job_resumed", "Resumed " + active.file());
        return job();
    }

    /**
     * Cancels the printing or paused job; the heaters stay as they are.
     *
     * @return the job as the {@code job} topic shows it after the command
     * @throws SimulatorException {@code no_job} if no job is printing or paused
     */
    public synchronized JobStatus cancelJob() {
        advance();
        SimulatedJob active = activeJob("cancel");
        active.state(State.CANCELLED);
        changeJob(Level.WARNING, "job_cancelled", "Cancelled " + active.file());
        return job();
    }

    /**
     * Stops everything: every heater off, a printing or paused job to {@code error}, and a
     * {@code critical} notification. Always allowed; the printer can be used again afterwards.
     *
     * @return the job as the {@code job} topic shows it after the stop
     */
    public synchronized JobStatus emergencyStop() {
        advance();
        heaters.values().forEach(heater -> heater.target(0));
        boolean stoppedJob = job != null && job.active();
        if (stoppedJob) {
            job.state(State.ERROR);
        }
        String message = "Emergency stop: every heater off" + (stoppedJob ? ", " + job.file() + " stopped" : "");
        LOG.warn(message);
        output.temperatures(temperatures());
        publishJobIfChanged();
        output.notification(new Notification(Level.CRITICAL, "emergency_stop", message, null,
                stoppedJob ? Map.of("file", job.file()) : Map.of()));
        return job();
    }

    /** Runs the physics and the job from the last time up to the clock's now, in small steps. */
    private void advance() {
        long now = clock.nanos();
        double remaining = Math.max(0, now - lastNanos) / 1e9 * speed;
        lastNanos = Math.max(now, lastNanos);
        while (remaining > 0) {
            double step = Math.min(STEP, remaining);
            remaining -= step;
            for (SimulatedHeater heater : heaters.values()) {
                heater.advance(step);
                if (heater.justReached(REACHED_TOLERANCE)) {
                    LOG.info("{} reached {} °C", heater.name(), format(heater.target()));
                    output.notification(new Notification(Level.INFO, "temperature_reached",
                            heater.label() + " reached " + format(heater.target()) + " °C", heater.name(),
                            Map.of("target", heater.target(), "actual", round(heater.actual(), 100))));
                }
            }
            if (job != null && job.advance(step)) {
                changeJob(Level.INFO, "job_complete", job.file() + " finished");
            }
        }
    }

    private SimulatedHeater heater(String name) {
        SimulatedHeater found = name == null ? null : heaters.get(name);
        if (found == null) {
            throw new SimulatorException(Code.UNKNOWN_HEATER,
                    "Unknown heater " + name + "; the heaters are " + String.join(", ", heaters.keySet()));
        }
        return found;
    }

    private SimulatedJob activeJob(String action) {
        if (job == null || !job.active()) {
            throw new SimulatorException(Code.NO_JOB, "No job to " + action + (job == null ? ""
                    : "; the last one, " + job.file() + ", is " + job.state().wireName()));
        }
        return job;
    }

    /** Publishes the job's new state, then tells people about it. */
    private void changeJob(Level level, String code, String message) {
        LOG.info(message);
        publishJobIfChanged();
        output.notification(new Notification(level, code, message, null,
                Map.of("file", job.file(), "elapsed_s", publishedJob.elapsedSeconds())));
    }

    private void publishJobIfChanged() {
        JobStatus current = job();
        if (!current.equals(publishedJob)) {
            publishedJob = current;
            output.job(current);
        }
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }

    /** @return {@code 210} rather than {@code 210.0}, for messages */
    private static String format(double celsius) {
        return celsius == Math.rint(celsius) ? Long.toString((long) celsius) : Double.toString(celsius);
    }
}
