package io.hydrogen.ws.jetty.internal.dispatch;

import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.spi.ConnectionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how every call of a host command or message handler ended: the event listeners learn
 * each one, and commands (what moves the printer) are logged at INFO with principal, command and
 * outcome. Never the arguments, never a key. Thread-safe.
 */
final class CommandAudit {

    private static final Logger LOG = LoggerFactory.getLogger(CommandAudit.class);

    /** The outcome of a call that answered with a result. */
    static final String OK = "ok";
    /** The outcome of a call that failed inside the server or the handler ({@code server_error}). */
    static final String FAILED = "failed";

    private final Events events;

    CommandAudit(Events events) {
        this.events = events;
    }

    /**
     * @param command whether the message type is a command (logged at INFO) or a plain handler
     * @param outcome {@link #OK}, {@link #FAILED}, or the error code the client got
     */
    void handled(ConnectionInfo connection, String type, boolean command, String outcome) {
        if (command) {
            LOG.info("Command {} from {} ({}): {}", type, connection.principal(), connection.remoteAddress(), outcome);
        } else {
            LOG.debug("Message {} from {} ({}): {}", type, connection.principal(), connection.remoteAddress(), outcome);
        }
        events.commandHandled(connection, type, outcome);
    }
}
