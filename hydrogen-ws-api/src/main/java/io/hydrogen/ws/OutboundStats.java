package io.hydrogen.ws;

/**
 * Server-wide totals of the outbound path, read at one moment.
 *
 * @param queuedMessages messages waiting in all outbound queues now
 * @param queuedBytes their payload bytes
 * @param messagesSent messages written since start
 * @param messagesConflated status messages replaced by newer ones since start
 * @param messagesDropped messages dropped for clients that fell too far behind, since start
 * @param slowClientsClosed connections closed with 1013 because they did not keep up, since start
 */
public record OutboundStats(long queuedMessages, long queuedBytes, long messagesSent, long messagesConflated,
        long messagesDropped, long slowClientsClosed) {
}
