package io.hydrogen.ws.jetty;

import io.hydrogen.ws.ApiKeys;
import io.hydrogen.ws.ControlLease;
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.ServerConfig;
import io.hydrogen.ws.ServerContext;
import io.hydrogen.ws.ServerStartException;
import io.hydrogen.ws.ServerState;
import io.hydrogen.ws.jetty.internal.core.JsonErrorHandler;
import io.hydrogen.ws.jetty.internal.core.PortBinder;
import io.hydrogen.ws.topics.Topics;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone server: a Jetty {@code Server} of its own, bound with port fallback, serving one
 * {@link HydrogenContextHandler} at {@code /}. Start and close are serialised by one lock.
 */
final class JettyHydrogenServer implements HydrogenWebSocketServer {

    private static final Logger LOG = LoggerFactory.getLogger(JettyHydrogenServer.class);
    private static final int MAX_THREADS = Math.max(32, 8 * Runtime.getRuntime().availableProcessors());
    private static final int MIN_THREADS = 4;

    private final ServerConfig config;
    private final HydrogenContextHandler endpoint;
    private final Object lifecycleLock = new Object();
    private volatile Server jetty;
    private volatile ServerConnector connector;

    JettyHydrogenServer(ServerConfig config) {
        this.config = config;
        this.endpoint = new HydrogenContextHandler("/", config);
    }

    @Override
    public void start() {
        URI uri;
        synchronized (lifecycleLock) {
            if (context().state() != ServerState.NEW) {
                throw new IllegalStateException("A server can be started once; this one is " + context().state());
            }
            // Jetty's default pool grows to 200 threads in a connect burst; on the small machines this
            // runs on, queued work waiting for a few threads is faster and leaner than 200 stacks.
            QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
            threads.setName("hydrogen-ws");
            Server server = new Server(threads);
            server.setStopAtShutdown(false); // the host decides when to close
            server.setErrorHandler(new JsonErrorHandler());
            server.setHandler(endpoint);
            jetty = server;
            try {
                connector = PortBinder.bind(server, config.binding().host(), config.binding().port(),
                        config.binding().portRangeEnd(),
                        config.binding().handshakeTimeout(), tls());
                server.start();
            } catch (Exception e) {
                stopJetty(); // stops the endpoint too, which releases what it had started
                endpoint.markClosed(); // also if binding failed before Jetty started anything
                throw e instanceof ServerStartException start ? start
                        : new ServerStartException("Server failed to start: " + e.getMessage(), e);
            }
            uri = uri();
        }
        LOG.info("Hydrogen WebSocket server listening on {} (subprotocol {})", uri, config.endpoint().protocol());
    }

    @Override
    public void close() {
        synchronized (lifecycleLock) {
            if (context().state() == ServerState.STOPPED) {
                return;
            }
            if (jetty != null) {
                // Goodbye first, while the connectors still carry it; then stop Jetty (and the endpoint).
                endpoint.awaitGoodbye();
                stopJetty();
            } else {
                endpoint.markClosed();
            }
        }
        LOG.info("Hydrogen WebSocket server stopped");
    }

    private void stopJetty() {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Stopping Jetty failed", e);
        }
    }

    @Override
    public int port() {
        ServerConnector bound = connector;
        ServerState state = context().state();
        if (bound == null || (state != ServerState.RUNNING && state != ServerState.SHUTTING_DOWN)) {
            throw new IllegalStateException("The server is not running; it is " + state);
        }
        return bound.getLocalPort();
    }

    @Override
    public URI uri() {
        int port = port();
        String host = config.binding().host();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        } else if (host.equals("::")) {
            host = "::1";
        }
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return URI.create((config.binding().tls().isEmpty() ? "ws://" : "wss://") + host + ":" + port
                + config.endpoint().path());
    }

    /** @return Jetty's TLS setup from the configured PKCS#12 keystore, or {@code null} without TLS */
    private SslContextFactory.Server tls() {
        if (config.binding().tls().isEmpty()) {
            return null;
        }
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(config.binding().tls().get().keyStore().toAbsolutePath().toString());
        tls.setKeyStoreType("PKCS12");
        tls.setKeyStorePassword(new String(config.binding().tls().get().password()));
        return tls;
    }

    @Override
    public ServerContext context() {
        return endpoint.context();
    }

    @Override
    public void broadcast(String type, Object data) {
        endpoint.broadcast(type, data);
    }

    @Override
    public Topics topics() {
        return endpoint.topics();
    }

    @Override
    public ControlLease control() {
        return endpoint.control();
    }

    @Override
    public ApiKeys apiKeys() {
        return endpoint.apiKeys();
    }

    @Override
    public ServerConfig config() {
        return config;
    }
}
