package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.ServerConfig;
import io.hydrogen.ws.jetty.internal.auth.Admission;
import io.hydrogen.ws.jetty.internal.auth.ClientAddress;
import io.hydrogen.ws.jetty.internal.context.DefaultServerContext;
import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.jetty.internal.dispatch.ControlLeaseImpl;
import io.hydrogen.ws.jetty.internal.dispatch.MessageDispatcher;
import io.hydrogen.ws.jetty.internal.topics.StatusTopic;
import io.hydrogen.ws.jetty.internal.topics.TopicEngine;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every connection of one server shares.
 *
 * @param config the server's configuration
 * @param context the server's state and counters
 * @param admission decides handshakes and in-band authentication
 * @param dispatcher routes authenticated messages
 * @param status the status topic, for greetings
 * @param topics the topic engine, told when a connection closes
 * @param control the control lease, told when a connection closes or its scope changes
 * @param registry the open connections
 * @param scheduler the server's timer thread, for auth deadlines
 * @param events the event listeners
 * @param clientAddress finds a request's client address (trusted proxies)
 * @param frames the server frames of recent publications, encoded once for every recipient
 */
public record ConnectionServices(ServerConfig config, DefaultServerContext context, Admission admission,
        MessageDispatcher dispatcher, StatusTopic status, TopicEngine topics, ControlLeaseImpl control,
        ConnectionRegistry registry, ScheduledExecutorService scheduler, Events events, ClientAddress clientAddress,
        EncodedFrames frames) {
}
