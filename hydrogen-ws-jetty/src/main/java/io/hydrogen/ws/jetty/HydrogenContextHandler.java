package io.hydrogen.ws.jetty;

import io.hydrogen.ws.ApiKeys;
import io.hydrogen.ws.ControlLease;
import io.hydrogen.ws.HydrogenEndpoint;
import io.hydrogen.ws.ServerConfig;
import io.hydrogen.ws.ServerContext;
import io.hydrogen.ws.jetty.internal.core.EndpointRuntime;
import io.hydrogen.ws.topics.Topics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.component.Graceful;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hydrogen endpoint as a jetty-core {@link ContextHandler}, for hosts that already run a Jetty
 * 12 {@code Server}: add it to the host's {@code ContextHandlerCollection} (next to servlet
 * contexts, for example) and the WebSocket answers at {@code contextPath + config.endpoint().path()},
 * the system info endpoint at {@code contextPath + "/api/system/info"}. No port is bound; the host's
 * connectors serve it.
 *
 * <p>The host's lifecycle drives it: it starts with the host's server, and when the server stops
 * it says goodbye to its clients (last status, close code 1001). That goodbye happens in Jetty's
 * graceful phase when the server has a stop timeout ({@code server.setStopTimeout(ms)}, which
 * should be at least the exit wait); without one, Jetty closes the connectors first and the
 * clients see their connections drop. A handler is started once; build a new one to serve again.
 *
 * <pre>{@code
 * ServerConfig config = HydrogenWebSocketServer.builder().apiKey(key).endpoint(e -> e.path("/ws")).buildConfig();
 * contexts.addHandler(new HydrogenContextHandler("/hydrogen", config));   // ws://host:port/hydrogen/ws
 * }</pre>
 */
public class HydrogenContextHandler extends ContextHandler implements Graceful, HydrogenEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(HydrogenContextHandler.class);

    private final EndpointRuntime runtime;
    private volatile boolean goodbyeAwaited; // close() of the standalone server waited already

    /**
     * Creates the handler. The configuration's host, port and IPv6 options are ignored: the host's
     * connectors decide those.
     *
     * @param contextPath where to mount the endpoint, for example {@code /hydrogen}, or {@code /}
     * @param config the endpoint's configuration
     */
    public HydrogenContextHandler(String contextPath, ServerConfig config) {
        super(contextPath);
        this.runtime = new EndpointRuntime(config, this);
        setHandler(runtime);
    }

    @Override
    public ServerContext context() {
        return runtime.context();
    }

    @Override
    public void broadcast(String type, Object data) {
        runtime.broadcast(type, data);
    }

    @Override
    public Topics topics() {
        return runtime.topics();
    }

    @Override
    public ControlLease control() {
        return runtime.control();
    }

    @Override
    public ApiKeys apiKeys() {
        return runtime.apiKeys();
    }

    @Override
    public ServerConfig config() {
        return runtime.config();
    }

    /** Starts the goodbye; Jetty calls this in its graceful phase, before it closes connections. */
    @Override
    public CompletableFuture<Void> shutdown() {
        return runtime.shutdown();
    }

    @Override
    public boolean isShutdown() {
        return runtime.isShutdown();
    }

    /** Says goodbye to the clients (bounded by the exit wait), then stops the endpoint with the context. */
    @Override
    protected void doStop() throws Exception {
        awaitGoodbye();
        super.doStop();
    }

    /** Marks the endpoint closed for good without starting it: a standalone server closed before it ran. */
    void markClosed() {
        runtime.markClosed();
    }

    /** Says goodbye (unless Jetty's graceful phase already did), waiting at most the exit wait. */
    void awaitGoodbye() {
        if (goodbyeAwaited) {
            return; // waited once already: the exit wait is one bound, not one per caller
        }
        goodbyeAwaited = true;
        long waitMillis = runtime.config().exitWait().toMillis();
        try {
            runtime.shutdown().get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{} connections did not close within {} ms; closing them hard", runtime.openConnections(),
                    waitMillis);
        } catch (ExecutionException e) {
            LOG.warn("Graceful shutdown failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
