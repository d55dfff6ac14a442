package io.hydrogen.ws.jetty.internal.topics;

import com.google.gson.JsonElement;
import java.time.Instant;
import java.util.Map;

/**
 * Everything one status message reports, read at one moment.
 *
 * @param seq the push tick sequence number
 * @param timestampMillis when the snapshot was taken, in epoch milliseconds
 * @param epoch the server's epoch (protocol v0.2)
 * @param serverStartTime when the server started
 * @param activeConnections authenticated open connections
 * @param totalConnections authenticated connections since start
 * @param totalRequests text messages from authenticated connections since start
 * @param uname the machine's identity
 * @param usage the process's thread count and memory
 * @param running whether the server is running
 * @param shuttingDown whether the server is shutting down
 * @param sections the status providers' sections, ordered by name
 */
public record StatusSnapshot(long seq, long timestampMillis, String epoch, Instant serverStartTime, int activeConnections,
        long totalConnections, long totalRequests, SystemProbe.Uname uname, SystemProbe.ProcessUsage usage,
        boolean running, boolean shuttingDown, Map<String, JsonElement> sections) {
}
