/**
 * Topics: the status topic (built and encoded once per tick) and its publisher, and the topic
 * engine for state and event topics: sequence numbers and the epoch, snapshots, merge-patch
 * deltas, per-subscription rate and deadband, the replay window, and encoded payloads shared by
 * every subscriber in step.
 */
package io.hydrogen.ws.jetty.internal.topics;
