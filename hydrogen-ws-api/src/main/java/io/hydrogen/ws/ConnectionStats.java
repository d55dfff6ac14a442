package io.hydrogen.ws;

import java.time.Instant;

/**
 * Diagnostics of one open connection, read at one moment.
 *
 * @param id the connection's id, unique within the server
 * @param remoteAddress the client's address as {@code host:port}
 * @param principal who authenticated, or {@code null} while pending
 * @param authenticated whether it is authenticated
 * @param queuedMessages messages waiting in its outbound queue (not counting one being written)
 * @param queuedBytes their payload bytes
 * @param messagesSent messages written to it
 * @param messagesConflated status messages replaced by a newer one before they were sent
 * @param messagesDropped messages dropped because the client fell too far behind
 * @param lastSendCompleted when the last write to it completed, or {@code null} if none has
 */
public record ConnectionStats(long id, String remoteAddress, String principal, boolean authenticated,
        int queuedMessages, long queuedBytes, long messagesSent, long messagesConflated, long messagesDropped,
        Instant lastSendCompleted) {
}
