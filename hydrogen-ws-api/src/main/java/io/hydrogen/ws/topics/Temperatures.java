package io.hydrogen.ws.topics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The value of the {@code temperature} topic, in degrees Celsius.
 *
 * @param heaters heater name (for example {@code extruder}, {@code heater_bed}) to its readings
 * @param sensors sensor name (for example {@code chamber}) to its reading
 */
public record Temperatures(Map<String, Heater> heaters, Map<String, Sensor> sensors) {

    /**
     * A heater's readings. A reading the host does not have (a disconnected thermistor) may be
     * {@code NaN}; it is sent as {@code null}.
     *
     * @param actual the measured temperature
     * @param target the target temperature (0 when off)
     * @param power the heater's power, from 0 to 1
     */
    public record Heater(double actual, double target, double power) {

        /**
         * Validates the power.
         *
         * @param actual the measured temperature
         * @param target the target temperature
         * @param power the heater's power, 0 to 1
         * @throws IllegalArgumentException if {@code power} is outside 0..1
         */
        public Heater {
            if (power < 0 || power > 1) {
                throw new IllegalArgumentException("power must be between 0 and 1, was " + power);
            }
        }
    }

    /**
     * A sensor's reading.
     *
     * @param actual the measured temperature ({@code NaN} when unknown, sent as {@code null})
     */
    public record Sensor(double actual) {
    }

    /**
     * Copies both maps, keeping their order.
     *
     * @param heaters heater name to its readings
     * @param sensors sensor name to its reading
     */
    public Temperatures {
        heaters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(heaters, "heaters")));
        sensors = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(sensors, "sensors")));
    }

    /**
     * Returns the value as the protocol writes it:
     * {@code {"heaters":{NAME:{"actual","target","power"}},"sensors":{NAME:{"actual"}}}}.
     *
     * @return the value as maps; {@code NaN} readings as {@code null}
     */
    public Map<String, Object> toWire() {
        Map<String, Object> heaterMap = new LinkedHashMap<>();
        heaters.forEach((name, heater) -> {
            Map<String, Object> readings = new LinkedHashMap<>();
            readings.put("actual", finite(heater.actual()));
            readings.put("target", finite(heater.target()));
            readings.put("power", heater.power());
            heaterMap.put(name, readings);
        });
        Map<String, Object> sensorMap = new LinkedHashMap<>();
        sensors.forEach((name, sensor) -> {
            Map<String, Object> reading = new LinkedHashMap<>();
            reading.put("actual", finite(sensor.actual()));
            sensorMap.put(name, reading);
        });
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("heaters", heaterMap);
        wire.put("sensors", sensorMap);
        return wire;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
