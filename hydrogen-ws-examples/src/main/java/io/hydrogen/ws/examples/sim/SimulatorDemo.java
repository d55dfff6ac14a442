package io.hydrogen.ws.examples.sim;

import io.hydrogen.ws.topics.JobStatus.State;
import io.hydrogen.ws.topics.Temperatures;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scripted print, so that the topics move without commands: heat the extruder to 210 °C and the
 * bed to 60 °C, start {@value #FILE} once both are there, and when it is complete turn the heaters
 * off. Run after every tick by a {@link SimulatorLoop} (one thread; not thread-safe itself). If
 * someone else intervenes (cancels the job, stops the printer), the demo steps aside.
 */
public final class SimulatorDemo implements Runnable {

    /** The file the demo prints. */
    public static final String FILE = "demo_cube.gcode";
    static final double EXTRUDER_TARGET = 210;
    static final double BED_TARGET = 60;
    /**
     * How close the readings must be before the job starts, °C: tighter than
     * {@link SimulatedPrinter#REACHED_TOLERANCE} by more than the noise, so that the printer has
     * said {@code temperature_reached} for both heaters first.
     */
    static final double READY_TOLERANCE = 1.0;
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorDemo.class);

    private enum Phase { START, HEATING, PRINTING, DONE }

    private final SimulatedPrinter printer;
    private Phase phase = Phase.START;

    /** @param printer the printer to drive */
    public SimulatorDemo(SimulatedPrinter printer) {
        this.printer = Objects.requireNonNull(printer, "printer");
    }

    /** @return whether the demo has finished (or stepped aside) */
    public boolean done() {
        return phase == Phase.DONE;
    }

    /** Takes the next step of the script, if its condition is met. */
    @Override
    public void run() {
        try {
            step();
        } catch (SimulatorException e) {
            LOG.info("Demo stepped aside: {}", e.getMessage());
            phase = Phase.DONE;
        }
    }

    private void step() {
        switch (phase) {
            case START -> {
                LOG.info("Demo: heating up");
                printer.setTemperature("extruder", EXTRUDER_TARGET);
                printer.setTemperature("heater_bed", BED_TARGET);
                phase = Phase.HEATING;
            }
            case HEATING -> {
                Temperatures now = printer.temperatures();
                if (now.heaters().values().stream().anyMatch(h -> h.target() == 0)) {
                    LOG.info("Demo stepped aside: a heater was turned off");
                    phase = Phase.DONE;
                } else if (now.heaters().values().stream()
                        .allMatch(h -> Math.abs(h.actual() - h.target()) <= READY_TOLERANCE)) {
                    printer.startJob(FILE);
                    phase = Phase.PRINTING;
                }
            }
            case PRINTING -> {
                State state = printer.job().state();
                if (state == State.COMPLETE) {
                    LOG.info("Demo: {} complete, cooling down", FILE);
                    printer.setTemperature("extruder", 0);
                    printer.setTemperature("heater_bed", 0);
                    phase = Phase.DONE;
                } else if (state != State.PRINTING && state != State.PAUSED) {
                    LOG.info("Demo stepped aside: the job is {}", state.wireName());
                    phase = Phase.DONE;
                }
            }
            case DONE -> {
                // Nothing left to do.
            }
        }
    }
}
