package io.hydrogen.ws.examples.sim;

/**
 * One heater's physics and controller, in simulated seconds. Not thread-safe: the
 * {@link SimulatedPrinter} that owns it guards it.
 *
 * <p>The model is first order: {@code dT/dt = power * heatRate - (T - ambient) / tau}, so that at
 * full power the temperature tends to {@code ambient + heatRate * tau} (above the heater's maximum,
 * so every allowed target is reachable) and with the heater off it cools exponentially toward
 * ambient. The controller is what a tuned printer firmware approximates: the power that holds the
 * target (feed-forward) plus a proportional term, clamped to 0..1; it does not overshoot.
 */
final class SimulatedHeater {

    /** Where every heater starts and what it cools toward, in °C. */
    static final double AMBIENT = 25.0;

    private final String name;
    private final String label;
    private final double maxTarget;
    private final double heatRate;
    private final double tau;
    private final double gain;

    private double actual = AMBIENT;
    private double target;
    private double power;
    /** Whether {@code temperature_reached} was raised for the current target. */
    private boolean reachedRaised;

    /**
     * @param name the heater's name on the wire
     * @param label its name in messages to people
     * @param maxTarget the highest target allowed, °C
     * @param heatRate °C/s at full power when at ambient (no losses yet)
     * @param tau the cooling time constant, s
     * @param gain the controller's proportional gain, power per °C of error
     */
    SimulatedHeater(String name, String label, double maxTarget, double heatRate, double tau, double gain) {
        this.name = name;
        this.label = label;
        this.maxTarget = maxTarget;
        this.heatRate = heatRate;
        this.tau = tau;
        this.gain = gain;
    }

    /** A hot end: about 3 °C/s from cold, 210 °C in a minute and a half. */
    static SimulatedHeater extruder() {
        return new SimulatedHeater("extruder", "Extruder", 300, 3.25, 100, 0.25);
    }

    /** A heated bed: about 0.4 °C/s from cold, 60 °C in a minute and a half. */
    static SimulatedHeater bed() {
        return new SimulatedHeater("heater_bed", "Bed", 120, 125.0 / 300, 300, 0.25);
    }

    String name() {
        return name;
    }

    String label() {
        return label;
    }

    double maxTarget() {
        return maxTarget;
    }

    double actual() {
        return actual;
    }

    double target() {
        return target;
    }

    double power() {
        return power;
    }

    /** Sets the target (0: off); a new target may raise {@code temperature_reached} again. */
    void target(double newTarget) {
        if (newTarget != target) {
            reachedRaised = false;
        }
        target = newTarget;
        power = control();
    }

    /** Advances the physics by {@code seconds} (small: at most a tenth of a second). */
    void advance(double seconds) {
        actual += (power * heatRate - (actual - AMBIENT) / tau) * seconds;
        power = control();
    }

    /**
     * @param tolerance how close, in °C, counts as reached
     * @return true exactly once per non-zero target, the first time the temperature is that close
     */
    boolean justReached(double tolerance) {
        if (target <= 0 || reachedRaised || Math.abs(actual - target) > tolerance) {
            return false;
        }
        reachedRaised = true;
        return true;
    }

    private double control() {
        if (target <= 0) {
            return 0;
        }
        double hold = (target - AMBIENT) / (heatRate * tau);
        return Math.max(0, Math.min(1, hold + gain * (target - actual)));
    }
}
