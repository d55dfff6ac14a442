package io.hydrogen.ws.jetty.internal.core;

import io.hydrogen.ws.ApiKeys;
import io.hydrogen.ws.ServerConfig;
import io.hydrogen.ws.ServerState;
import io.hydrogen.ws.jetty.internal.auth.ApiKeyAuthenticator;
import io.hydrogen.ws.jetty.internal.auth.AuthChain;
import io.hydrogen.ws.jetty.internal.auth.AuthFailureLimiter;
import io.hydrogen.ws.jetty.internal.auth.ClientAddress;
import io.hydrogen.ws.jetty.internal.connection.ConnectionAcceptor;
import io.hydrogen.ws.jetty.internal.connection.ConnectionRegistry;
import io.hydrogen.ws.jetty.internal.connection.ConnectionServices;
import io.hydrogen.ws.jetty.internal.connection.LivenessMonitor;
import io.hydrogen.ws.jetty.internal.connection.StatusBroadcaster;
import io.hydrogen.ws.jetty.internal.context.DefaultServerContext;
import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.jetty.internal.context.SystemProbe;
import io.hydrogen.ws.jetty.internal.dispatch.MessageDispatcher;
import io.hydrogen.ws.jetty.internal.message.JsonValues;
import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import io.hydrogen.ws.jetty.internal.message.StatusSections;
import io.hydrogen.ws.jetty.internal.message.StatusSnapshot;
import io.hydrogen.ws.jetty.internal.message.StatusSource;
import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.Names;
import io.hydrogen.ws.spi.StatusProvider;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.common.SessionTracker;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one Hydrogen endpoint runs on, whoever owns the Jetty server: the wiring of the
 * components, the status push, and the lifecycle (start, graceful shutdown, stop). Used by the
 * standalone server and by the embeddable context handler alike.
 */
public final class EndpointRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointRuntime.class);
    private static final int WEAK_KEY_LENGTH = 16;

    private final ServerConfig config;
    private final DefaultServerContext context = new DefaultServerContext();
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final ApiKeyAuthenticator apiKeys;
    private final JsonValues json;

    // Set by start(); read afterwards by the lifecycle methods, which Jetty calls in order.
    private volatile ScheduledThreadPoolExecutor scheduler;
    private volatile StatusSections sections;
    private volatile StatusBroadcaster broadcaster;
    private volatile LivenessMonitor liveness;
    private volatile StatusSource status;
    private volatile CompletableFuture<Void> shutdown;

    public EndpointRuntime(ServerConfig config) {
        this.config = config;
        this.apiKeys = new ApiKeyAuthenticator(config.apiKeys(), config.inBandAuth(), config.queryKeyAuth());
        this.json = new JsonValues(config.jsonNaming());
        apiKeys.onRevoked(principal -> registry.revoke(apiKeys, principal));
        context.connectionsFrom(registry::stats);
    }

    /** @return the live state and counters */
    public DefaultServerContext context() {
        return context;
    }

    /** @return the configuration */
    public ServerConfig config() {
        return config;
    }

    /** @return the live API keys */
    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /**
     * Builds the components and returns the handler that serves the endpoint: WebSocket upgrades at
     * the configured path (relative to {@code contextHandler}) and the HTTP endpoints.
     *
     * @throws IllegalStateException if this runtime was started before
     * @throws IllegalArgumentException if a discovered status provider has a bad or duplicate name
     */
    public Handler start(Server server, ContextHandler contextHandler) {
        if (!context.transition(ServerState.NEW, ServerState.STARTING)) {
            throw new IllegalStateException("A Hydrogen endpoint can be started once; this one is " + context.state());
        }
        warnAboutWeakKeys();
        scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "hydrogen-ws-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        Events events = new Events(config.eventListeners());
        sections = new StatusSections(statusProviders(), config.statusProviderBudget(), json);
        status = new StatusSource(context, new SystemProbe(), sections, !config.statusInterval().isZero());
        List<Authenticator> authenticators = new ArrayList<>(config.authenticators());
        authenticators.add(apiKeys); // always, even without keys yet: apiKeys().add() works at once
        AuthChain auth = new AuthChain(authenticators, config.inBandAuth());
        MessageDispatcher dispatcher = MessageDispatcher.create(status, config.messageHandlers(), json);
        ClientAddress clientAddress = new ClientAddress(config.trustedProxies());
        AuthFailureLimiter authFailures = new AuthFailureLimiter(config.maxAuthFailures(), config.authFailureWindow());
        ConnectionServices services = new ConnectionServices(config, context, auth, dispatcher, status, registry,
                scheduler, events, clientAddress, authFailures);
        broadcaster = new StatusBroadcaster(status, registry, scheduler, config.statusInterval(), events);
        liveness = new LivenessMonitor(registry, scheduler, config.pingInterval(), config.pongTimeout());

        WebSocketUpgradeHandler webSocket = WebSocketUpgradeHandler.from(server, contextHandler, container -> {
            // "/" in servlet syntax would match every path; "" is the exact root.
            String path = config.path().equals("/") ? "" : config.path();
            container.addMapping(new ServletPathSpec(path), new ConnectionAcceptor(services));
            container.setIdleTimeout(config.idleTimeout());
            // Our own assembler enforces the documented limit with a documented answer; Jetty's
            // limits only have to stay out of its way.
            container.setMaxTextMessageSize(Long.MAX_VALUE);
            container.setMaxBinaryMessageSize(Long.MAX_VALUE);
            // Jetty's session tracker is a Graceful bean that closes every session with 1001 in the
            // host's graceful phase, racing (and beating) our last status. Our registry owns the
            // shutdown of these sessions instead.
            SessionTracker tracker = container.getBean(SessionTracker.class);
            if (tracker != null) {
                container.removeBean(tracker);
            }
        });
        webSocket.setHandler(new HttpEndpoints(config.path(), config.protocol(), auth, status, context, clientAddress,
                authFailures));
        return webSocket;
    }

    /** Opens the endpoint: new connections are accepted and the status push starts. */
    public void running() {
        sections.collect(); // so that greetings before the first tick carry the sections too
        context.transition(ServerState.STARTING, ServerState.RUNNING);
        broadcaster.start();
        liveness.start();
    }

    /**
     * Starts the graceful shutdown (once): refuses new connections, sends every authenticated
     * connection a last status with {@code running:false, shutting_down:true}, and closes every
     * connection with 1001.
     *
     * @return a future that completes when every connection has closed
     */
    public synchronized CompletableFuture<Void> shutdown() {
        if (shutdown != null) {
            return shutdown;
        }
        if (!context.transition(ServerState.RUNNING, ServerState.SHUTTING_DOWN)) {
            shutdown = CompletableFuture.completedFuture(null);
            return shutdown;
        }
        LOG.info("Hydrogen WebSocket endpoint shutting down: saying goodbye to {} connections", registry.size());
        broadcaster.stop();
        liveness.stop();
        awaitAcceptedBroadcasts();
        StatusSnapshot last = status.nextTick(); // state is SHUTTING_DOWN: running=false, shutting_down=true
        ByteBuffer payload = OutboundJson.utf8(OutboundJson.status(last, null, Map.of()));
        registry.forEachOpen(connection -> connection.shutdown(payload, last.seq()));
        shutdown = registry.whenEmpty();
        return shutdown;
    }

    /**
     * Sends {@code {"type":TYPE,"data":DATA}} to every authenticated connection. Serialises on the
     * caller's thread, so that a value with no JSON form fails the call; the fan-out runs on the
     * runtime's own thread and this returns at once.
     *
     * @throws IllegalArgumentException if the type is malformed or built in, or the data has no JSON
     *     form (an {@link io.hydrogen.ws.jetty.internal.message.UnserialisableValueException} saying
     *     which part and why)
     * @throws IllegalStateException if the endpoint is not running
     */
    public void broadcast(String type, Object data) {
        Names.requireMessageType(type);
        if (!context.isRunning()) {
            throw new IllegalStateException("The endpoint is not running; it is " + context.state());
        }
        ByteBuffer payload = OutboundJson.utf8(OutboundJson.broadcast(type, json.toJson(data, "data")));
        scheduler.execute(() -> {
            try {
                registry.broadcast(payload);
            } catch (RuntimeException e) {
                LOG.error("Broadcast of type '{}' failed", type, e);
            }
        });
    }

    /**
     * Broadcasts accepted before the shutdown are still waiting on the scheduler: let them reach the
     * queues first, so that the goodbye (queued behind them) loses nothing that was promised.
     */
    private void awaitAcceptedBroadcasts() {
        try {
            scheduler.submit(() -> { }).get(config.exitWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warn("Broadcasts accepted before the shutdown may not all be delivered", e);
        }
    }

    /** @return whether a graceful shutdown has completed */
    public boolean isShutdown() {
        CompletableFuture<Void> current = shutdown;
        return current != null && current.isDone();
    }

    /** @return the number of connections still open */
    public int openConnections() {
        return registry.size();
    }

    /** Releases the runtime's threads; the final state. Safe to call in any state. */
    public void stopped() {
        if (broadcaster != null) {
            broadcaster.stop();
        }
        if (liveness != null) {
            liveness.stop();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (sections != null) {
            sections.close();
        }
        context.stopped();
    }

    /** @return the registered providers, then the discovered ones, by section name */
    private Map<String, StatusProvider> statusProviders() {
        Map<String, StatusProvider> bySection = new LinkedHashMap<>();
        config.statusProviders().forEach(provider -> bySection.put(provider.section(), provider));
        if (config.statusProviderDiscovery()) {
            for (StatusProvider provider : ServiceLoader.load(StatusProvider.class)) {
                String section = Names.requireStatusSection(provider.section());
                StatusProvider previous = bySection.putIfAbsent(section, provider);
                if (previous != null) {
                    throw new IllegalArgumentException("status providers " + previous.getClass().getName() + " and "
                            + provider.getClass().getName() + " both use the section name '" + section + "'");
                }
                LOG.info("Discovered status provider {} for section '{}'", provider.getClass().getName(), section);
            }
        }
        return bySection;
    }

    private void warnAboutWeakKeys() {
        long weak = config.apiKeys().stream().filter(key -> key.length() < WEAK_KEY_LENGTH).count();
        if (weak > 0) {
            LOG.warn("{} of {} API keys are shorter than {} characters and easy to guess; use long random keys",
                    weak, config.apiKeys().size(), WEAK_KEY_LENGTH);
        }
    }
}
