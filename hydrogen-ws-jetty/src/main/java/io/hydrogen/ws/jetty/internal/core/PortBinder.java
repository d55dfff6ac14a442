package io.hydrogen.ws.jetty.internal.core;

import io.hydrogen.ws.ServerStartException;
import io.hydrogen.ws.jetty.internal.connection.FanOutEndPoint;
import java.io.IOException;
import java.net.BindException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the first free port of a range, before the server starts, so a busy port is skipped. */
public final class PortBinder {

    private static final Logger LOG = LoggerFactory.getLogger(PortBinder.class);
    private static final int ACCEPT_QUEUE_SIZE = 1024;

    private PortBinder() {
    }

    /**
     * Opens a connector on the first free port from {@code first} to {@code last} and adds it to
     * {@code server}. {@code idleTimeout} bounds the HTTP phase (slow or unfinished requests);
     * {@code tls}, if not {@code null}, makes it a TLS connector.
     *
     * @throws ServerStartException naming the range if every port is taken, or if binding failed
     *     for another reason (an unknown host, for example)
     */
    public static ServerConnector bind(Server server, String host, int first, int last, Duration idleTimeout,
            SslContextFactory.Server tls) {
        BindException lastBusy = null;
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false); // do not advertise the Jetty version to the network
        http.setSendXPoweredBy(false);
        if (tls != null) {
            http.addCustomizer(new SecureRequestCustomizer());
        }
        for (int port = first; port <= last; port++) {
            HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
            ServerConnector connector = tls == null ? new FanOutConnector(server, httpFactory)
                    : new FanOutConnector(server, new SslConnectionFactory(tls, httpFactory.getProtocol()),
                            httpFactory);
            connector.setHost(host);
            connector.setPort(port);
            connector.setIdleTimeout(idleTimeout.toMillis()); // HTTP phase only; WebSockets get their own
            // The JDK's default backlog (50) overflows when many clients reconnect at once (a farm
            // after a power cut); dropped SYNs then cost each client a one-second retry.
            connector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
            try {
                connector.open();
                server.addConnector(connector);
                return connector;
            } catch (IOException e) {
                closeQuietly(connector);
                BindException busy = bindException(e);
                if (busy == null) {
                    throw new ServerStartException("Could not bind " + host + ":" + port + ": " + e.getMessage(), e);
                }
                LOG.info("Port {} on {} is not available ({}); trying the next one", port, host, busy.getMessage());
                lastBusy = busy;
            }
        }
        String range = first == last ? "port " + first : "ports " + first + "-" + last;
        throw new ServerStartException("No free port on " + host + ": " + range + " are all taken. "
                + "Free one of them or configure another port range.", lastBusy);
    }

    private static BindException bindException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                return bind;
            }
        }
        return null;
    }

    /** Jetty's connector, with the endpoint the fan-out writes to ({@link FanOutEndPoint}). */
    private static final class FanOutConnector extends ServerConnector {
        FanOutConnector(Server server, ConnectionFactory... factories) {
            super(server, factories);
        }

        @Override
        protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
            FanOutEndPoint endPoint = new FanOutEndPoint(channel, selector, key, getScheduler());
            endPoint.setIdleTimeout(getIdleTimeout()); // as Jetty's own newEndPoint
            return endPoint;
        }
    }

    private static void closeQuietly(ServerConnector connector) {
        try {
            connector.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing an unbound connector failed", e);
        }
    }
}
