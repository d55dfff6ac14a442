/**
 * Micrometer metrics for a Hydrogen endpoint: {@link io.hydrogen.ws.micrometer.HydrogenMetrics} is
 * an event listener and a {@code MeterBinder} with bounded tags.
 */
package io.hydrogen.ws.micrometer;
