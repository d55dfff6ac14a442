package io.hydrogen.ws.benchmark.server;

import io.hydrogen.ws.topics.Temperatures;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Temperatures that behave like a printer's, so that a deadband filters what it would filter on a
 * real one: two heaters (extruder, heater_bed) whose readings follow their targets with a
 * first-order lag plus sensor noise, a chamber sensor that drifts slowly, and targets that step
 * every {@code targetPeriodSeconds} (a heat-up of a few degrees, during which a 0.5 deadband lets
 * an update through every half degree). Between steps, the noise alone (sigma 0.2 °C) crosses a
 * 0.5 °C deadband now and then. Readings are rounded to 0.01 °C, power to 0.01, as printers report
 * them. Not thread-safe: one publisher thread calls {@link #next}.
 */
public final class TemperatureDrift {

    private static final double NOISE_C = 0.2;
    private static final double LAG_SECONDS = 4;

    private final Random random;
    private final double targetPeriodSeconds;
    private final Heater extruder = new Heater(215, 220);
    private final Heater bed = new Heater(60, 65);
    private double chamber = 31.5;
    private double elapsedSeconds;

    /** A heater's true temperature, chasing its target, and the two targets it alternates between. */
    private static final class Heater {
        final double low;
        final double high;
        double target;
        double actual;

        Heater(double low, double high) {
            this.low = low;
            this.high = high;
            this.target = low;
            this.actual = low;
        }
    }

    /**
     * @param seed seeds the noise: equal seeds give equal readings
     * @param targetPeriodSeconds seconds between the targets' steps
     */
    public TemperatureDrift(long seed, double targetPeriodSeconds) {
        this.random = new Random(seed);
        this.targetPeriodSeconds = targetPeriodSeconds;
    }

    /** @return the readings {@code dtSeconds} after the previous ones */
    public Temperatures next(double dtSeconds) {
        elapsedSeconds += dtSeconds;
        boolean high = ((long) (elapsedSeconds / targetPeriodSeconds)) % 2 == 1;
        chamber += random.nextGaussian() * 0.01;
        Map<String, Temperatures.Heater> heaters = new LinkedHashMap<>();
        heaters.put("extruder", step(extruder, high, dtSeconds));
        heaters.put("heater_bed", step(bed, high, dtSeconds));
        return new Temperatures(heaters, Map.of("chamber", new Temperatures.Sensor(round(chamber))));
    }

    private Temperatures.Heater step(Heater heater, boolean high, double dtSeconds) {
        heater.target = high ? heater.high : heater.low;
        double gap = heater.target - heater.actual;
        heater.actual += gap * Math.min(1, dtSeconds / LAG_SECONDS);
        // Power: full while heating up, then what holding the temperature takes, with some jitter.
        double power = Math.max(0, Math.min(1, 0.35 + gap * 0.3 + random.nextGaussian() * 0.02));
        return new Temperatures.Heater(round(heater.actual + random.nextGaussian() * NOISE_C), heater.target,
                round(power));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
