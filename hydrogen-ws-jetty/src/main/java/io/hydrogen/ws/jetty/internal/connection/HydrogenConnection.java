package io.hydrogen.ws.jetty.internal.connection;

import com.google.gson.JsonElement;
import io.hydrogen.ws.ConnectionStats;
import io.hydrogen.ws.ServerConfig;
import io.hydrogen.ws.jetty.internal.auth.ApiKeyAuthenticator;
import io.hydrogen.ws.jetty.internal.auth.AuthChain;
import io.hydrogen.ws.jetty.internal.auth.HandshakeView;
import io.hydrogen.ws.jetty.internal.auth.InBandAuthMessage;
import io.hydrogen.ws.jetty.internal.dispatch.MessageContext;
import io.hydrogen.ws.jetty.internal.message.ErrorCode;
import io.hydrogen.ws.jetty.internal.message.ErrorMessage;
import io.hydrogen.ws.jetty.internal.message.MessageAssembler;
import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import io.hydrogen.ws.jetty.internal.message.StatusSnapshot;
import io.hydrogen.ws.spi.AuthDecision;
import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.ConnectionInfo;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: its authentication state, inbound message assembly and outbound queue.
 *
 * <p>Public only because Jetty calls its listener methods through method handles. Jetty delivers
 * a session's events one at a time; the status push, timers and key revocation call in from other
 * threads, which is why the state is atomic and sends go through the thread-safe
 * {@link OutboundQueue}.
 */
public final class HydrogenConnection implements Session.Listener.AutoDemanding, MessageContext, ConnectionInfo {

    private static final Logger LOG = LoggerFactory.getLogger(HydrogenConnection.class);
    /** A pending client may not make the server buffer more than this before it has a key. */
    private static final int MAX_AUTH_MESSAGE_BYTES = 4096;
    private static final AtomicLong IDS = new AtomicLong();

    private enum State {
        /** Upgraded without credentials: waiting for the in-band auth message. */
        PENDING,
        /** Counted, queueing auth_ok and the greeting; not yet receiving pushes (they would overtake). */
        AUTHENTICATING,
        /** Counted in the context; receives status. */
        AUTHENTICATED,
        /** Authentication failed or was revoked; closing. */
        REJECTED,
        /** The WebSocket is closed. */
        CLOSED
    }

    private final long id = IDS.incrementAndGet();
    private final ConnectionServices services;
    private volatile HandshakeView handshake; // needed until authenticated; then dropped to save memory
    private final String remote;
    private final InetAddress clientAddress;
    private final boolean inBand;
    private final AtomicReference<State> state = new AtomicReference<>(State.PENDING);
    private final MessageAssembler assembler;
    private final MessageRateLimiter rateLimiter;
    private volatile AuthChain.Verdict acceptedAtHandshake;
    private volatile String principal;
    private volatile Authenticator authenticatedBy;
    private volatile OutboundQueue outbound;
    private volatile ScheduledFuture<?> authDeadline;
    private volatile boolean closing;
    private volatile boolean revoked;
    private volatile long lastPongNanos = System.nanoTime();

    /**
     * @param acceptedAtHandshake the accepting verdict, or {@code null} for a connection that
     *     authenticates in-band
     */
    HydrogenConnection(ConnectionServices services, HandshakeView handshake, AuthChain.Verdict acceptedAtHandshake,
            InetAddress clientAddress, String remote) {
        this.services = services;
        this.handshake = handshake;
        this.acceptedAtHandshake = acceptedAtHandshake;
        this.inBand = acceptedAtHandshake == null;
        this.clientAddress = clientAddress;
        this.remote = remote;
        this.rateLimiter = new MessageRateLimiter(services.config().limits().maxMessagesPerSecond());
        this.assembler = new MessageAssembler(acceptedAtHandshake != null ? services.config().limits().maxMessageBytes()
                : Math.min(MAX_AUTH_MESSAGE_BYTES, services.config().limits().maxMessageBytes()));
    }

    @Override
    public void onWebSocketOpen(Session session) {
        try {
            open(session);
        } catch (RuntimeException e) {
            failed("opening", e);
        }
    }

    private void open(Session session) {
        ServerConfig config = services.config();
        OutboundQueue.Limits limits = new OutboundQueue.Limits(config.queues().maxQueuedMessages(),
                config.queues().maxQueuedBytes(),
                config.queues().maxQueueDelay().toNanos());
        outbound = new OutboundQueue(((WebSocketSession) session).getCoreSession(), limits, this, services.events(),
                services.context(), services.scheduler());
        services.registry().add(this);
        if (inBand) {
            services.registry().pendingOpened();
        }
        services.events().connectionOpened(this);
        // Registered before the check, so a concurrent shutdown either sees this connection or is seen here.
        if (!services.context().isRunning()) {
            close(StatusCode.SHUTDOWN, "server shutting down");
            return;
        }
        AuthChain.Verdict verdict = acceptedAtHandshake;
        if (verdict != null) {
            authenticate(verdict, null);
            return;
        }
        try {
            authDeadline = services.scheduler().schedule(() -> rejectAuth("authentication timed out", null),
                    services.config().auth().authTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            close(StatusCode.SHUTDOWN, "server shutting down"); // the scheduler stopped: so did the server
        }
    }

    @Override
    public void onWebSocketPartialText(String fragment, boolean fin) {
        try {
            text(fragment, fin);
        } catch (RuntimeException e) {
            failed("handling a message", e);
        }
    }

    private void text(String fragment, boolean fin) {
        if (closing) {
            return;
        }
        String text;
        try {
            text = assembler.appendText(fragment, fin);
        } catch (MessageAssembler.MessageTooLargeException e) {
            tooLarge(e.maxBytes(), true);
            return;
        }
        if (text == null) {
            return;
        }
        switch (state.get()) {
            case PENDING -> authenticateInBand(text);
            case AUTHENTICATED -> {
                services.context().requestReceived();
                if (!withinRate()) {
                    services.events().messageReceived(this, null, assembler.completedBytes());
                    return;
                }
                String type = services.dispatcher().dispatch(text, this);
                services.events().messageReceived(this, type, assembler.completedBytes());
            }
            default -> {
                // Rejected or closed: the close is on its way, the message is moot.
            }
        }
    }

    @Override
    public void onWebSocketPartialBinary(ByteBuffer payload, boolean fin, Callback callback) {
        int length = payload == null ? 0 : payload.remaining();
        callback.succeed();
        try {
            binary(length, fin);
        } catch (RuntimeException e) {
            failed("handling a message", e);
        }
    }

    private void binary(int length, boolean fin) {
        if (closing) {
            return;
        }
        boolean complete;
        try {
            complete = assembler.appendBinary(length, fin);
        } catch (MessageAssembler.MessageTooLargeException e) {
            tooLarge(e.maxBytes(), false);
            return;
        }
        if (!complete) {
            return;
        }
        if (state.get() == State.PENDING) {
            rejectAuth("expected an auth message first", null);
        } else if (withinRate()) {
            replyError(ErrorMessage.withReason(ErrorCode.INVALID_MESSAGE, "Invalid message",
                    "binary messages are not supported"), null);
        }
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        lastPongNanos = System.nanoTime();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("WebSocket error on client {}", remote, cause);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        State previous = state.getAndSet(State.CLOSED);
        if (previous == State.PENDING && inBand) {
            services.registry().pendingEnded();
        }
        boolean counted = previous == State.AUTHENTICATING || previous == State.AUTHENTICATED;
        if (counted) {
            services.context().authenticatedConnectionClosed();
        }
        cancelAuthDeadline();
        services.registry().remove(this);
        if (previous != State.CLOSED) {
            services.events().connectionClosed(this, counted || revoked, statusCode,
                    reason == null ? "" : reason);
        }
        LOG.debug("Client {} closed: {} {}", remote, statusCode, reason);
        callback.succeed();
    }

    @Override
    public void reply(String json) {
        OutboundQueue queue = outbound;
        if (queue != null) {
            queue.enqueue(OutboundJson.utf8(json));
        }
    }

    @Override
    public void replyError(ErrorMessage error, JsonElement id) {
        reply(OutboundJson.error(error, id));
        services.events().errorSent(this, error.code());
    }

    @Override
    public ConnectionInfo connection() {
        return this;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String remoteAddress() {
        return remote;
    }

    /** @return the client's address (behind a trusted proxy: the real client's) */
    InetAddress clientAddress() {
        return clientAddress;
    }

    @Override
    public String principal() {
        return principal;
    }

    @Override
    public boolean isAuthenticated() {
        State current = state.get();
        return current == State.AUTHENTICATING || current == State.AUTHENTICATED;
    }

    /**
     * Queues a broadcast status message if this connection is authenticated; {@code payload} is shared.
     *
     * @return whether it was queued
     */
    boolean pushStatus(ByteBuffer payload, long seq) {
        if (state.get() != State.AUTHENTICATED) {
            return false;
        }
        outbound.enqueueStatus(payload, seq);
        return true;
    }

    /**
     * Pings the client, or closes it with 1001 if its last pong is older than {@code timeoutNanos}
     * (a client that vanished, or whose queue is stuck behind a dead socket).
     */
    void checkLiveness(long nowNanos, long timeoutNanos, ByteBuffer pingPayload) {
        OutboundQueue queue = outbound;
        if (queue == null || closing) {
            return;
        }
        if (nowNanos - lastPongNanos > timeoutNanos) {
            LOG.info("Client {} did not answer pings for {} ms; closing", remote,
                    TimeUnit.NANOSECONDS.toMillis(nowNanos - lastPongNanos));
            closing = true;
            queue.closeOrAbort(StatusCode.SHUTDOWN, "pong timeout");
        } else {
            queue.ping(pingPayload);
        }
    }

    /** Queues a host broadcast if this connection is authenticated; {@code payload} is shared. */
    void pushBroadcast(ByteBuffer payload) {
        if (state.get() == State.AUTHENTICATED) {
            outbound.enqueue(payload);
        }
    }

    /** @return this connection's diagnostics */
    ConnectionStats stats() {
        OutboundQueue queue = outbound;
        OutboundQueue.Snapshot q = queue == null ? new OutboundQueue.Snapshot(0, 0, 0, 0, 0, 0) : queue.snapshot();
        return new ConnectionStats(id, remote, principal, isAuthenticated(), q.queuedMessages(), q.queuedBytes(),
                q.sent(), q.conflated(), q.dropped(),
                q.lastSendCompletedMillis() == 0 ? null : Instant.ofEpochMilli(q.lastSendCompletedMillis()));
    }

    /** Says goodbye for a server shutdown: a last status if authenticated, then close code 1001. */
    public void shutdown(ByteBuffer lastStatus, long seq) {
        pushStatus(lastStatus, seq);
        close(StatusCode.SHUTDOWN, "server shutting down");
    }

    /**
     * Closes the connection with {@code auth_failed} and 1008 if {@code authenticator} accepted it
     * as {@code revokedPrincipal}: its credentials were revoked.
     */
    void revokeIfAuthenticatedAs(Authenticator authenticator, String revokedPrincipal) {
        if (authenticatedBy != authenticator || !revokedPrincipal.equals(principal)
                || !state.compareAndSet(State.AUTHENTICATED, State.REJECTED)) {
            return;
        }
        revoked = true;
        services.context().authenticatedConnectionClosed();
        LOG.info("Closing client {} ({}): its key was revoked", remote, principal);
        replyError(ErrorMessage.withReason(ErrorCode.AUTH_FAILED, "Authentication failed", "key revoked"), null);
        close(StatusCode.POLICY_VIOLATION, "key revoked");
    }

    private void authenticateInBand(String text) {
        if (services.authFailures().retryAfterSeconds(clientAddress) > 0) {
            // Throttled like the handshake, even for a right key: a guess must not be confirmable.
            rejectAuth("too many authentication failures", null);
            return;
        }
        InBandAuthMessage.Result result = InBandAuthMessage.check(text, services.auth(), handshake);
        AuthDecision decision = result.verdict().decision();
        if (decision.outcome() == AuthDecision.Outcome.ACCEPT) {
            authenticate(result.verdict(), result.id());
        } else {
            rejectAuth(decision.reason(), result.id());
        }
    }

    /** @param inBandId for in-band auth: the id to echo in {@code auth_ok} (may be {@code null}) */
    private void authenticate(AuthChain.Verdict verdict, JsonElement inBandId) {
        principal = verdict.decision().principal();
        authenticatedBy = verdict.decidedBy();
        if (!state.compareAndSet(State.PENDING, State.AUTHENTICATING)) {
            return;
        }
        if (inBand) {
            services.registry().pendingEnded();
        }
        // Counted from here on: a close that races with the rest sees AUTHENTICATING and uncounts.
        services.context().connectionAuthenticated();
        cancelAuthDeadline();
        assembler.limit(services.config().limits().maxMessageBytes());
        boolean inBand = acceptedAtHandshake == null;
        acceptedAtHandshake = null; // the handshake's verdict and headers are no longer needed
        handshake = null;
        if (inBand) {
            reply(OutboundJson.reply("auth_ok", inBandId));
        }
        StatusSnapshot greeting = services.status().current();
        outbound.enqueueStatus(OutboundJson.utf8(OutboundJson.status(greeting, null, Map.of())), greeting.seq());
        // Only now may pushes come: none can overtake auth_ok and the greeting.
        if (state.compareAndSet(State.AUTHENTICATING, State.AUTHENTICATED)) {
            services.events().connectionAuthenticated(this);
            LOG.debug("Client {} authenticated as {}", remote, principal);
            // A revocation that ran before this connection was AUTHENTICATED did not see it.
            if (authenticatedBy instanceof ApiKeyAuthenticator keys && !keys.holds(principal)) {
                revokeIfAuthenticatedAs(keys, principal);
            }
        }
    }

    private void rejectAuth(String reason, JsonElement id) {
        if (!state.compareAndSet(State.PENDING, State.REJECTED)) {
            return;
        }
        if (inBand) {
            services.registry().pendingEnded();
        }
        cancelAuthDeadline();
        services.authFailures().failed(clientAddress);
        LOG.info("Authentication failed for client {}: {}", remote, reason);
        services.events().authFailed(remote, reason);
        replyError(ErrorMessage.withReason(ErrorCode.AUTH_FAILED, "Authentication failed", reason), id);
        close(StatusCode.POLICY_VIOLATION, "authentication failed");
    }

    private void tooLarge(int maxBytes, boolean text) {
        State current = state.get();
        if (current == State.PENDING) {
            rejectAuth("auth message larger than " + maxBytes + " bytes", null);
            return;
        }
        if (text && current == State.AUTHENTICATED) {
            services.context().requestReceived();
            services.events().messageReceived(this, null, maxBytes + 1L);
        }
        rejectTooLarge(maxBytes);
    }

    private void rejectTooLarge(int maxBytes) {
        LOG.info("Client {} sent a message over {} bytes; closing with {}", remote, maxBytes,
                StatusCode.MESSAGE_TOO_LARGE);
        replyError(ErrorMessage.of(ErrorCode.INVALID_MESSAGE, "Message too large",
                Map.of("reason", "message too large", "max_bytes", maxBytes)), null);
        close(StatusCode.MESSAGE_TOO_LARGE, "message too large");
    }

    /**
     * @return whether a message arriving now is within the rate limit; if not, it is to be dropped
     *     and the client is told (at most once per second)
     */
    private boolean withinRate() {
        long now = System.nanoTime();
        if (rateLimiter.tryAcquire(now)) {
            return true;
        }
        if (rateLimiter.shouldNotify(now)) {
            replyError(ErrorMessage.of(ErrorCode.RATE_LIMITED, "Too many messages; some were dropped",
                    Map.of("max_per_second", rateLimiter.rate())), null);
        }
        return false;
    }

    /** A bug of ours or a host's: log it, close with 1011 and a fixed reason (never the exception's text). */
    private void failed(String what, RuntimeException e) {
        LOG.error("Internal error while {} for client {}; closing the connection", what, remote, e);
        close(StatusCode.SERVER_ERROR, "internal error");
    }

    /** Closes after what is queued; a no-op before the connection opened (there is nothing to close yet). */
    private void close(int code, String reason) {
        OutboundQueue queue = outbound;
        if (queue != null) {
            closing = true;
            queue.close(code, reason);
        }
    }

    private void cancelAuthDeadline() {
        ScheduledFuture<?> deadline = authDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
