package io.hydrogen.ws.jetty.internal.core;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.ServerConfig;
import io.hydrogen.ws.ServerContext;
import io.hydrogen.ws.ServerStartException;
import io.hydrogen.ws.ServerState;
import io.hydrogen.ws.jetty.internal.auth.ApiKeyVerifier;
import io.hydrogen.ws.jetty.internal.auth.KeyAuthenticator;
import io.hydrogen.ws.jetty.internal.connection.ConnectionAcceptor;
import io.hydrogen.ws.jetty.internal.connection.ConnectionRegistry;
import io.hydrogen.ws.jetty.internal.connection.ConnectionServices;
import io.hydrogen.ws.jetty.internal.connection.StatusBroadcaster;
import io.hydrogen.ws.jetty.internal.context.DefaultServerContext;
import io.hydrogen.ws.jetty.internal.context.SystemProbe;
import io.hydrogen.ws.jetty.internal.dispatch.MessageDispatcher;
import io.hydrogen.ws.jetty.internal.dispatch.MessageHandler;
import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import io.hydrogen.ws.jetty.internal.message.StatusSnapshot;
import io.hydrogen.ws.jetty.internal.message.StatusSource;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty-based server: lifecycle, binding with port fallback, and the wiring of the components.
 * Start and close are serialised by one lock; everything else is lock-free.
 */
public final class JettyHydrogenServer implements HydrogenWebSocketServer {

    private static final Logger LOG = LoggerFactory.getLogger(JettyHydrogenServer.class);
    private static final int WEAK_KEY_LENGTH = 16;

    private final ServerConfig config;
    private final Map<String, MessageHandler> extraHandlers;
    private final DefaultServerContext context = new DefaultServerContext();
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final Object lifecycleLock = new Object();

    // Set by start(), read by close() and the accessors; guarded by lifecycleLock, published by volatile.
    private volatile Server jetty;
    private volatile ServerConnector connector;
    private ScheduledThreadPoolExecutor scheduler;
    private StatusBroadcaster broadcaster;
    private StatusSource status;

    /** Creates a server with the built-in message types only. */
    public JettyHydrogenServer(ServerConfig config) {
        this(config, Map.of());
    }

    /**
     * Creates a server that also routes the given message types.
     *
     * @throws IllegalArgumentException if a handler would replace a built-in type
     */
    public JettyHydrogenServer(ServerConfig config, Map<String, MessageHandler> extraHandlers) {
        this.config = config;
        this.extraHandlers = Map.copyOf(extraHandlers);
    }

    @Override
    public void start() {
        synchronized (lifecycleLock) {
            if (!context.transition(ServerState.NEW, ServerState.STARTING)) {
                throw new IllegalStateException("A server can be started once; this one is " + context.state());
            }
            try {
                doStart();
            } catch (RuntimeException e) {
                stopJettyQuietly();
                context.stopped();
                throw e instanceof ServerStartException ? e : new ServerStartException("Server failed to start: "
                        + e.getMessage(), e);
            }
        }
        LOG.info("Hydrogen WebSocket server listening on {} (subprotocol {})", uri(), config.protocol());
    }

    private void doStart() {
        warnAboutWeakKeys();
        scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "hydrogen-ws-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        status = new StatusSource(context, new SystemProbe());
        KeyAuthenticator authenticator = new KeyAuthenticator(new ApiKeyVerifier(config.apiKeys()), config.inBandAuth());
        MessageDispatcher dispatcher = MessageDispatcher.create(status, extraHandlers);
        ConnectionServices services = new ConnectionServices(config, context, authenticator, dispatcher, status,
                registry, scheduler);
        broadcaster = new StatusBroadcaster(status, registry, scheduler, config.statusInterval());

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("hydrogen-ws");
        Server server = new Server(threads);
        server.setStopAtShutdown(false); // the host decides when to close
        WebSocketUpgradeHandler webSocket = WebSocketUpgradeHandler.from(server, container -> {
            container.addMapping(exactPath(config.path()), new ConnectionAcceptor(services));
            container.setIdleTimeout(config.idleTimeout());
            // Our own assembler enforces the documented limit with a documented answer; Jetty's
            // limits only have to stay out of its way.
            container.setMaxTextMessageSize(Long.MAX_VALUE);
            container.setMaxBinaryMessageSize(Long.MAX_VALUE);
        });
        webSocket.setHandler(new HttpEndpoints(config.path(), config.protocol(), authenticator, status, this::port));
        server.setHandler(webSocket);
        jetty = server;
        connector = PortBinder.bind(server, config.host(), config.port(), config.portRangeEnd());
        context.transition(ServerState.STARTING, ServerState.RUNNING);
        try {
            server.start();
        } catch (Exception e) {
            throw new ServerStartException("Jetty failed to start: " + e.getMessage(), e);
        }
        broadcaster.start();
    }

    @Override
    public void close() {
        synchronized (lifecycleLock) {
            if (context.transition(ServerState.NEW, ServerState.STOPPED)
                    || !context.transition(ServerState.RUNNING, ServerState.SHUTTING_DOWN)) {
                return;
            }
            LOG.info("Hydrogen WebSocket server shutting down: saying goodbye to {} connections", registry.size());
            broadcaster.stop();
            sayGoodbye();
            boolean allClosed = awaitClients();
            if (!allClosed) {
                LOG.warn("{} connections did not close within {}; closing them hard", registry.size(),
                        config.exitWait());
            }
            stopJettyQuietly();
            scheduler.shutdownNow();
            context.stopped();
        }
        LOG.info("Hydrogen WebSocket server stopped");
    }

    private void sayGoodbye() {
        StatusSnapshot last = status.nextTick(); // state is SHUTTING_DOWN: running=false, shutting_down=true
        ByteBuffer payload = OutboundJson.utf8(OutboundJson.status(last, null, Map.of()));
        registry.forEachOpen(connection -> connection.shutdown(payload, last.seq()));
    }

    private boolean awaitClients() {
        try {
            return registry.awaitEmpty(config.exitWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void stopJettyQuietly() {
        Server server = jetty;
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Stopping Jetty failed", e);
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public int port() {
        ServerConnector bound = connector;
        if (bound == null || !context.isRunning() && !context.isShuttingDown()) {
            throw new IllegalStateException("The server is not running; it is " + context.state());
        }
        return bound.getLocalPort();
    }

    @Override
    public URI uri() {
        int port = port();
        String host = config.host();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        } else if (host.equals("::")) {
            host = "::1";
        }
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return URI.create("ws://" + host + ":" + port + config.path());
    }

    @Override
    public ServerContext context() {
        return context;
    }

    @Override
    public ServerConfig config() {
        return config;
    }

    private void warnAboutWeakKeys() {
        long weak = config.apiKeys().stream().filter(key -> key.length() < WEAK_KEY_LENGTH).count();
        if (weak > 0) {
            LOG.warn("{} of {} API keys are shorter than {} characters and easy to guess; use long random keys",
                    weak, config.apiKeys().size(), WEAK_KEY_LENGTH);
        }
    }

    /** "/" in servlet syntax would match every path; "" is the exact root. */
    private static PathSpec exactPath(String path) {
        return new ServletPathSpec(path.equals("/") ? "" : path);
    }
}
