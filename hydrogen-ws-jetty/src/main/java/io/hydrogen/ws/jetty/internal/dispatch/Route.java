package io.hydrogen.ws.jetty.internal.dispatch;

import io.hydrogen.ws.jetty.internal.message.InboundMessage;

/** Handles the messages of one type. Called on a Jetty thread; must not block. */
@FunctionalInterface
interface Route {

    /**
     * Handles a validated message from an authenticated connection and replies through
     * {@code context}. A runtime exception becomes a {@code server_error} reply to this client only.
     */
    void handle(InboundMessage message, MessageContext context);
}
