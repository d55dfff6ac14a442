package io.hydrogen.ws.jetty.internal.core;

import io.hydrogen.ws.ApiKeys;
import io.hydrogen.ws.ServerConfig;
import io.hydrogen.ws.ServerState;
import io.hydrogen.ws.jetty.internal.auth.Admission;
import io.hydrogen.ws.jetty.internal.auth.ApiKeyAuthenticator;
import io.hydrogen.ws.jetty.internal.auth.AuthChain;
import io.hydrogen.ws.jetty.internal.auth.AuthFailureLimiter;
import io.hydrogen.ws.jetty.internal.auth.ClientAddress;
import io.hydrogen.ws.jetty.internal.connection.ConnectionAcceptor;
import io.hydrogen.ws.jetty.internal.connection.ConnectionRegistry;
import io.hydrogen.ws.jetty.internal.connection.ConnectionServices;
import io.hydrogen.ws.jetty.internal.connection.EncodedFrames;
import io.hydrogen.ws.jetty.internal.connection.LivenessMonitor;
import io.hydrogen.ws.jetty.internal.connection.PlainUpgradeHandler;
import io.hydrogen.ws.jetty.internal.context.DefaultServerContext;
import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.jetty.internal.dispatch.ControlLeaseImpl;
import io.hydrogen.ws.jetty.internal.dispatch.MessageDispatcher;
import io.hydrogen.ws.jetty.internal.message.JsonValues;
import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import io.hydrogen.ws.jetty.internal.topics.StatusPublisher;
import io.hydrogen.ws.jetty.internal.topics.StatusTopic;
import io.hydrogen.ws.jetty.internal.topics.TopicEngine;
import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.Names;
import io.hydrogen.ws.spi.StatusProvider;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one Hydrogen endpoint runs on, whoever owns the Jetty server: a Jetty handler (and so
 * a {@code ContainerLifeCycle}) that wires the components when it starts, serves WebSocket upgrades
 * and the HTTP endpoints, runs the status push and the ping rounds, says goodbye in a graceful
 * shutdown and releases its threads when it stops. Used by the standalone server and the
 * embeddable context handler alike; Jetty drives its lifecycle as part of the handler tree.
 */
public final class EndpointRuntime extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointRuntime.class);

    /** The components that exist only while the endpoint runs; built together, so never half there. */
    private record Running(ScheduledThreadPoolExecutor scheduler, StatusTopic status, StatusPublisher publisher,
            LivenessMonitor liveness) {
    }

    private final ServerConfig config;
    private final ContextHandler contextHandler;
    private final DefaultServerContext context = new DefaultServerContext();
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final ApiKeyAuthenticator apiKeys;
    private final Events events;
    private final TopicEngine topics;
    private final JsonValues json;
    private final ControlLeaseImpl control;
    private volatile Running running;
    private CompletableFuture<Void> shutdown; // guarded by this

    /**
     * @param contextHandler the context the endpoint is mounted in; paths are relative to it
     */
    public EndpointRuntime(ServerConfig config, ContextHandler contextHandler) {
        this.config = config;
        this.contextHandler = contextHandler;
        this.apiKeys = new ApiKeyAuthenticator(config.auth().apiKeyScopes(), config.auth().inBandAuth(),
                config.auth().queryKeyAuth());
        this.events = new Events(config.eventListeners());
        this.json = new JsonValues(config.endpoint().jsonNaming());
        this.topics = new TopicEngine(new TopicEngine.Settings(config.topics().topics(),
                config.topics().replayWindow().maxEvents(), config.topics().replayWindow().maxAge(),
                config.endpoint().statusInterval()), events, json, context::currentStatusSequence);
        this.control = new ControlLeaseImpl(config.endpoint().controlGrace(), events, topics.controlTopic());
        apiKeys.onRevoked(principal -> registry.revoke(apiKeys, principal));
        apiKeys.onRescoped((principal, scope) -> registry.rescope(apiKeys, principal, scope));
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

    /** @return the topics, to publish to */
    public TopicEngine topics() {
        return topics;
    }

    /** @return the control lease */
    public ControlLeaseImpl control() {
        return control;
    }

    /** @return the live API keys */
    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /**
     * Wires the components, then starts the WebSocket and HTTP handlers, the status push and the ping
     * rounds: from here on connections are accepted.
     *
     * @throws IllegalStateException if this endpoint was started before
     * @throws IllegalArgumentException if a discovered status provider has a bad or duplicate name
     */
    @Override
    protected void doStart() throws Exception {
        if (!context.transition(ServerState.NEW, ServerState.STARTING)) {
            throw new IllegalStateException("A Hydrogen endpoint can be started once; this one is " + context.state());
        }
        ApiKeyAuthenticator.warnIfWeak(config.auth().apiKeys());
        Map<String, StatusProvider> providers = statusProviders(); // may refuse to start: nothing to release yet
        StatusTopic status = new StatusTopic(context, providers, config.endpoint().statusProviderBudget(), json,
                !config.endpoint().statusInterval().isZero(), topics.epoch());
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "hydrogen-ws-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        running = new Running(scheduler, status,
                new StatusPublisher(status, registry, scheduler, config.endpoint().statusInterval(), events),
                new LivenessMonitor(registry, scheduler, config.liveness().pingInterval(),
                        config.liveness().pongTimeout()));

        List<Authenticator> authenticators = new ArrayList<>(config.auth().authenticators());
        authenticators.add(apiKeys); // always, even without keys yet: apiKeys().add() works at once
        Admission admission = new Admission(new AuthChain(authenticators, config.auth().inBandAuth()),
                new AuthFailureLimiter(config.auth().authFailureLimit().maxFailures(),
                        config.auth().authFailureLimit().window()), events);
        ClientAddress clientAddress = new ClientAddress(config.auth().trustedProxies());
        ConnectionServices services = new ConnectionServices(config, context, admission,
                MessageDispatcher.create(status, topics, control, config.endpoint(), json, events), status, topics,
                control, registry, scheduler, events, clientAddress, new EncodedFrames());
        WebSocketUpgradeHandler webSocket = new WebSocketUpgradeHandler(
                WebSocketServerComponents.ensureWebSocketComponents(getServer(), contextHandler));
        // "/" in servlet syntax would match every path; "" is the exact root.
        String path = config.endpoint().path().equals("/") ? "" : config.endpoint().path();
        ConnectionAcceptor acceptor = new ConnectionAcceptor(services);
        webSocket.addMapping(new ServletPathSpec(path), acceptor);
        webSocket.getConfiguration().setIdleTimeout(config.liveness().idleTimeout());
        webSocket.setHandler(new HttpEndpoints(config.endpoint().path(), config.endpoint().protocol(), admission, status, context,
                clientAddress, config.endpoint().staticResources().map(StaticContent::new).orElse(null)));
        // Plain handshakes on the standalone server's connector get its own connection; the rest Jetty's.
        setHandler(new PlainUpgradeHandler(services, acceptor, webSocket));
        super.doStart();

        status.prime(); // so that greetings before the first tick carry the providers' sections too
        context.transition(ServerState.STARTING, ServerState.RUNNING);
        topics.start(scheduler);
        control.start(scheduler);
        running.publisher().start();
        running.liveness().start();
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
        Running components = running;
        if (components == null || !context.transition(ServerState.RUNNING, ServerState.SHUTTING_DOWN)) {
            shutdown = CompletableFuture.completedFuture(null);
            return shutdown;
        }
        LOG.info("Hydrogen WebSocket endpoint shutting down: saying goodbye to {} connections", registry.size());
        components.publisher().stop();
        components.liveness().stop();
        awaitAcceptedBroadcasts(components);
        topics.drain(config.exitWait());
        registry.goodbye(components.status().goodbye());
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
        Running components = running;
        if (components == null || !context.isRunning()) {
            throw new IllegalStateException("The endpoint is not running; it is " + context.state());
        }
        ByteBuffer payload = OutboundJson.utf8(OutboundJson.broadcast(type, json.toJson(data, "data")));
        components.scheduler().execute(() -> {
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
    private void awaitAcceptedBroadcasts(Running components) {
        try {
            components.scheduler().submit(() -> { }).get(config.exitWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warn("Broadcasts accepted before the shutdown may not all be delivered", e);
        }
    }

    /** @return whether a graceful shutdown has completed */
    public synchronized boolean isShutdown() {
        return shutdown != null && shutdown.isDone();
    }

    /** @return the number of connections still open */
    public int openConnections() {
        return registry.size();
    }

    /** Stops the handlers, then releases the runtime's threads; the final state. Also after a failed start. */
    @Override
    protected void doStop() throws Exception {
        try {
            super.doStop();
        } finally {
            Running components = running;
            if (components != null) {
                components.publisher().stop();
                components.liveness().stop();
                topics.stop();
                components.scheduler().shutdownNow();
                components.status().close();
            }
            context.stopped();
        }
    }

    /** Forces the final state without starting: for an endpoint that will never run. */
    public void markClosed() {
        context.stopped();
    }

    /** @return the registered providers, then the discovered ones, by section name */
    private Map<String, StatusProvider> statusProviders() {
        Map<String, StatusProvider> bySection = new LinkedHashMap<>();
        config.endpoint().statusProviders().forEach(provider -> bySection.put(provider.section(), provider));
        if (config.endpoint().statusProviderDiscovery()) {
            try {
                // The same class loader the builder finds the implementation with: the one of the API.
                for (StatusProvider provider : ServiceLoader.load(StatusProvider.class,
                        StatusProvider.class.getClassLoader())) {
                    String section = Names.requireStatusSection(provider.section());
                    StatusProvider previous = bySection.putIfAbsent(section, provider);
                    if (previous != null) {
                        throw new IllegalArgumentException("status providers " + previous.getClass().getName()
                                + " and " + provider.getClass().getName() + " both use the section name '" + section
                                + "'");
                    }
                    LOG.info("Discovered status provider {} for section '{}'", provider.getClass().getName(),
                            section);
                }
            } catch (ServiceConfigurationError e) {
                // An Error would skip the host's clean-up: say what is wrong as the other start failures do.
                throw new IllegalArgumentException("a status provider listed in META-INF/services could not be "
                        + "loaded (it needs a public no-arg constructor; register instances with "
                        + "endpoint(e -> e.statusProvider(...)) instead): " + e.getMessage(), e);
            }
        }
        return bySection;
    }
}
