/**
 * Topics: the host's live data as typed streams that each client subscribes to at its own pace.
 *
 * <p>A {@linkplain StateTopic state topic} ({@code job}, {@code temperature}, the host's own) holds
 * one JSON object whose latest value is what matters: subscribers get a snapshot, then RFC 7386
 * merge-patch deltas, at most one per their {@code min_interval_ms} and with their deadband. An
 * {@linkplain EventTopic event topic} ({@code notification}, the host's own) is a stream in which
 * every item matters: never conflated, kept in a replay window, and resumed without loss after a
 * reconnect. Hosts publish through {@link io.hydrogen.ws.HydrogenEndpoint#topics()}; the wire
 * format is in {@code docs/protocol.md}.
 */
package io.hydrogen.ws.topics;
