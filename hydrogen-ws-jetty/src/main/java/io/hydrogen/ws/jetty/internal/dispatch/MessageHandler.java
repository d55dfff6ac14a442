package io.hydrogen.ws.jetty.internal.dispatch;

import io.hydrogen.ws.jetty.internal.message.InboundMessage;

/** Handles one message type. Called on a Jetty thread; must not block. */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Handles a validated message from an authenticated connection and replies through
     * {@code context}. An exception becomes a {@code server_error} reply to this client only.
     */
    void handle(InboundMessage message, MessageContext context);
}
