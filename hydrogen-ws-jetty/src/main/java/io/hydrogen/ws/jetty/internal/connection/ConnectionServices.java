package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.ServerConfig;
import io.hydrogen.ws.jetty.internal.auth.AuthChain;
import io.hydrogen.ws.jetty.internal.auth.AuthFailureLimiter;
import io.hydrogen.ws.jetty.internal.auth.ClientAddress;
import io.hydrogen.ws.jetty.internal.context.DefaultServerContext;
import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.jetty.internal.dispatch.MessageDispatcher;
import io.hydrogen.ws.jetty.internal.message.StatusSource;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every connection of one server shares.
 *
 * @param config the server's configuration
 * @param context the server's state and counters
 * @param auth the authenticators
 * @param dispatcher routes authenticated messages
 * @param status status snapshots
 * @param registry the open connections
 * @param scheduler the server's timer thread, for auth deadlines
 * @param events the event listeners
 * @param clientAddress finds a request's client address (trusted proxies)
 * @param authFailures counts authentication failures per address
 */
public record ConnectionServices(ServerConfig config, DefaultServerContext context, AuthChain auth,
        MessageDispatcher dispatcher, StatusSource status, ConnectionRegistry registry,
        ScheduledExecutorService scheduler, Events events, ClientAddress clientAddress,
        AuthFailureLimiter authFailures) {
}
