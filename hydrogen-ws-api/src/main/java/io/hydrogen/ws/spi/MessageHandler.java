package io.hydrogen.ws.spi;

/**
 * Handles the client messages of one host-defined {@code type}: the start of the command interface.
 * Register it with {@link io.hydrogen.ws.EndpointConfig.Builder#messageHandler}.
 *
 * <p>The reply echoes the request's {@code id}: {@code {"type":"result","id":...,"request":TYPE,
 * "result":VALUE}} for a result, the error envelope for a {@link MessageException}. A handler that
 * throws anything else yields {@code server_error} to that client only; the connection stays open.
 *
 * <p>Called on the connection's network thread, one message at a time per connection. Work that
 * takes long (talking to a printer, say) should return a {@link java.util.concurrent.CompletionStage}
 * and finish elsewhere; the reply is sent when it completes. Implementations must be thread-safe
 * across connections.
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Handles one message.
     *
     * @param request the message and its connection
     * @return the result as plain Java (see {@link StatusProvider#status()} for what serialises),
     *     or a {@code CompletionStage} of it
     * @throws MessageException to reply with that error
     */
    Object handle(MessageRequest request) throws MessageException;
}
