package io.hydrogen.ws.jetty.internal.connection;

import com.google.gson.JsonElement;
import io.hydrogen.ws.ConnectionStats;
import io.hydrogen.ws.Scope;
import io.hydrogen.ws.jetty.internal.auth.Admission;
import io.hydrogen.ws.jetty.internal.auth.ApiKeyAuthenticator;
import io.hydrogen.ws.jetty.internal.auth.AuthChain;
import io.hydrogen.ws.jetty.internal.dispatch.MessageContext;
import io.hydrogen.ws.jetty.internal.message.ErrorCode;
import io.hydrogen.ws.jetty.internal.message.ErrorMessage;
import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import io.hydrogen.ws.jetty.internal.topics.StatusTopic;
import io.hydrogen.ws.jetty.internal.topics.TopicSubscriber;
import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.ConnectionInfo;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: a frame handler (of Jetty's session or of the standalone server's own
 * {@link PlainWebSocketConnection}), which turns each WebSocket event into a step of the
 * connection's {@link ConnectionState} and hands the work to the pieces that own it: the
 * {@link Admission} service (authentication), the {@link MessageAssembler} and
 * {@link MessageRateLimiter} (inbound limits), {@link Liveness}, the dispatcher and the
 * {@link OutboundQueue}.
 *
 * <p>A handler of Jetty's WebSocket core: it is called through the {@link FrameHandler}
 * interface, with no reflection and none of the per-session objects of Jetty's listener API. On
 * Jetty's session it asks for the next frame once it is done with one; it completes the callback
 * of every frame but a close frame within {@code onFrame}, as the own connection requires. Hosts
 * never see it (they get an immutable {@link ConnectionView}). Jetty delivers a session's events
 * one at a time; the status push, timers and key revocation call in from other threads, which is
 * why the state is a state machine and sends go through the thread-safe queue.
 */
final class HydrogenConnection implements FrameHandler, MessageContext, TopicSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(HydrogenConnection.class);
    /** A pending client may not make the server buffer more than this before it has a key. */
    private static final int MAX_AUTH_MESSAGE_BYTES = 4096;
    private static final AtomicLong IDS = new AtomicLong();

    private final ConnectionServices services;
    private final OutboundQueue.Limits queueLimits;
    private final String remote;
    private final InetAddress clientAddress;
    private final boolean inBand;
    private final ConnectionState state = new ConnectionState();
    private final MessageAssembler assembler;
    private final MessageRateLimiter rateLimiter;
    private final Liveness liveness = new Liveness();
    private volatile ConnectionView view;
    private volatile PendingAuthentication pending; // dropped once authenticated, to save memory
    private volatile Authenticator authenticatedBy;
    private volatile OutboundQueue outbound;
    private volatile CoreSession session; // Jetty's, to ask for the next frame; null on the own connection
    private volatile long statusEveryNthTick = 1; // 0: unsubscribed from status

    HydrogenConnection(ConnectionServices services, PendingAuthentication pending, InetAddress clientAddress,
            String remote, OutboundQueue.Limits queueLimits) {
        this.services = services;
        this.queueLimits = queueLimits;
        this.pending = pending;
        this.inBand = pending.acceptedAtHandshake() == null;
        this.clientAddress = clientAddress;
        this.remote = remote;
        this.view = ConnectionView.unauthenticated(IDS.incrementAndGet(), remote);
        this.rateLimiter = new MessageRateLimiter(services.config().limits().maxMessagesPerSecond());
        this.assembler = new MessageAssembler(inBand
                ? Math.min(MAX_AUTH_MESSAGE_BYTES, services.config().limits().maxMessageBytes())
                : services.config().limits().maxMessageBytes());
    }

    // ---- Jetty's events ----------------------------------------------------------------------

    /**
     * The upgrade succeeded. Everything the handshake needed (Jetty's upgrade request and response)
     * is already out of reach: this connection kept only what it needs.
     */
    @Override
    public void onOpen(CoreSession session, Callback callback) {
        this.session = session;
        opened(SessionFrameWriter.of(session, services.frames()));
        callback.succeeded();
        session.demand();
    }

    /**
     * The WebSocket is open and frames go out through {@code writer}: from Jetty's session
     * ({@link #onOpen}) or the standalone server's own connection ({@link PlainWebSocketConnection}).
     */
    void opened(FrameWriter writer) {
        try {
            open(writer);
        } catch (RuntimeException e) {
            failed("opening", e);
        }
    }

    /**
     * One inbound frame. Jetty has checked it against the protocol (masking, control frame rules,
     * fragmentation order, the frame size limit); messages are assembled and checked here.
     */
    @Override
    public void onFrame(Frame frame, Callback callback) {
        switch (frame.getOpCode()) {
            case OpCode.TEXT, OpCode.BINARY, OpCode.CONTINUATION -> dataFrame(frame, callback);
            case OpCode.PING -> {
                OutboundQueue queue = outbound;
                if (queue != null) {
                    // The queue is the only writer of this connection's socket; the payload is Jetty's
                    // to reuse once the callback completes, hence the copy (an empty ping has none).
                    queue.pong(frame.hasPayload() ? BufferUtil.copy(frame.getPayload()) : BufferUtil.EMPTY_BUFFER);
                }
                succeedAndDemand(callback);
            }
            case OpCode.PONG -> {
                liveness.pong();
                succeedAndDemand(callback);
            }
            case OpCode.CLOSE -> {
                CloseStatus status = CloseStatus.getCloseStatus(frame);
                closed(status.getCode(), status.getReason(), callback);
            }
            default -> callback.failed(new ProtocolException("unexpected opcode " + frame.getOpCode()));
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        LOG.debug("WebSocket error on client {}", remote, cause);
        callback.succeeded();
    }

    /** The connection is gone: after the close handshake, or without one (then the only notice). */
    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        if (state.phase() == ConnectionState.Phase.CLOSED) { // the client's close frame told us already
            callback.succeeded();
        } else {
            closed(status.getCode(), status.getReason(), callback);
        }
    }

    private void dataFrame(Frame frame, Callback callback) {
        try {
            if (frame.getOpCode() == OpCode.BINARY || (frame.getOpCode() == OpCode.CONTINUATION && assembler.inBinary())) {
                binary(frame.getPayloadLength(), frame.isFin());
            } else {
                text(frame.getPayload(), frame.isFin());
            }
        } catch (BadPayloadException e) {
            callback.failed(e); // Jetty closes with 1007
            return;
        } catch (RuntimeException e) {
            failed("handling a message", e);
        }
        succeedAndDemand(callback);
    }

    private void succeedAndDemand(Callback callback) {
        callback.succeeded();
        CoreSession current = session;
        if (current != null) {
            current.demand();
        }
    }

    /**
     * The first notice of the end, by the client's close frame or by the connection's end: undoes
     * the counts and tells the host, once.
     */
    private void closed(int statusCode, String reason, Callback callback) {
        ConnectionState.Left left = state.closed();
        release(left);
        services.registry().remove(this);
        services.topics().closed(this);
        services.control().closed(view.id());
        if (left != ConnectionState.Left.NOTHING) {
            services.events().connectionClosed(view, state.wasAuthenticated(), statusCode,
                    reason == null ? "" : reason);
        }
        LOG.debug("Client {} closed: {} {}", remote, statusCode, reason);
        // The transport answers a client's close frame once the callback succeeds: not while a write
        // of ours is still on the wire, as both go to the same socket.
        stopWritingThen(callback::succeeded);
    }

    /**
     * Stops the outbound queue (it drops its backlog and accepts nothing more) and runs
     * {@code then} once no write of it is in flight: for a close frame the transport writes on its
     * own, which must not interleave with one of the queue's.
     */
    void stopWritingThen(Runnable then) {
        OutboundQueue queue = outbound;
        if (queue == null) {
            then.run();
        } else {
            queue.stop(then);
        }
    }

    /**
     * @return {@link System#nanoTime()} of the outbound queue's last text write, 0 if none: the
     *     transport counts it as activity for its idle timeout
     */
    long lastSendCompletedNanos() {
        OutboundQueue queue = outbound;
        return queue == null ? 0 : queue.lastSendCompletedNanos();
    }

    // ---- what the dispatcher and the server ask of a connection ---------------------------------

    @Override
    public void reply(String json) {
        send(OutboundJson.utf8(json));
    }

    @Override
    public void replyError(ErrorMessage error, JsonElement id) {
        reply(OutboundJson.error(error, id));
        services.events().errorSent(view, error.code());
    }

    @Override
    public ConnectionInfo connection() {
        return view;
    }

    @Override
    public TopicSubscriber subscriber() {
        return this;
    }

    // ---- what the topic engine asks of a connection ---------------------------------------------

    @Override
    public ConnectionInfo view() {
        return view;
    }

    @Override
    public boolean isOpen() {
        return state.phase() == ConnectionState.Phase.OPEN;
    }

    @Override
    public void send(ByteBuffer message) {
        OutboundQueue queue = outbound;
        if (queue != null) {
            queue.enqueue(message);
        }
    }

    @Override
    public Object sendUpdate(ByteBuffer update) {
        OutboundQueue queue = outbound;
        return queue == null ? null : queue.enqueueReplaceable(update);
    }

    @Override
    public boolean updateWaiting(Object handle) {
        return outbound.isWaiting(handle);
    }

    @Override
    public boolean replaceUpdate(Object handle, ByteBuffer update) {
        return outbound.replace(handle, update);
    }

    @Override
    public boolean hasRoomForFeed() {
        OutboundQueue queue = outbound;
        return queue != null && queue.hasRoomForFeed();
    }

    @Override
    public void whenDrained(Runnable action) {
        outbound.whenDrained(action);
    }

    @Override
    public void closeBehind(String topic) {
        close(OutboundQueue.CLOSE_TRY_AGAIN_LATER, "fell behind topic " + topic, null);
    }

    @Override
    public void statusPace(boolean subscribed, long everyNthTick) {
        statusEveryNthTick = subscribed ? everyNthTick : 0;
        services.registry().pushStateChanged();
    }

    /** @return the client's address (behind a trusted proxy: the real client's) */
    InetAddress clientAddress() {
        return clientAddress;
    }

    /** @return this connection's queue if it receives pushes (it is OPEN), else {@code null}: for the registry's fan-out */
    OutboundQueue pushQueue() {
        return state.phase() == ConnectionState.Phase.OPEN ? outbound : null;
    }

    /** @return every how many status ticks this connection receives one; 0 if it unsubscribed from status */
    long statusEveryNthTick() {
        return statusEveryNthTick;
    }

    /**
     * Says goodbye for a server shutdown: the last status if open (whatever the connection's status
     * pace: it is the last word), then close code 1001.
     */
    void goodbye(StatusTopic.Encoded lastStatus) {
        if (state.phase() == ConnectionState.Phase.OPEN) {
            outbound.enqueueStatus(lastStatus.utf8(), lastStatus.seq());
        }
        close(CloseStatus.SHUTDOWN, "server shutting down", null);
    }

    /**
     * Pings the client, or closes it with 1001 if its last pong is older than {@code timeoutNanos}
     * (a client that vanished, or whose queue is stuck behind a dead socket).
     */
    void checkLiveness(long nowNanos, long timeoutNanos, ByteBuffer pingPayload) {
        OutboundQueue queue = outbound;
        if (queue == null) {
            return;
        }
        long silent = liveness.silentNanos(nowNanos);
        if (silent <= timeoutNanos) {
            queue.ping(pingPayload);
            return;
        }
        ConnectionState.Left left = state.close();
        if (left == ConnectionState.Left.NOTHING) {
            return;
        }
        release(left);
        LOG.info("Client {} did not answer pings for {} ms; closing", remote, TimeUnit.NANOSECONDS.toMillis(silent));
        queue.closeOrAbort(CloseStatus.SHUTDOWN, "pong timeout");
    }

    /**
     * Closes the connection with {@code auth_failed} and 1008 if {@code authenticator} accepted it
     * as {@code revokedPrincipal}: its credentials were revoked.
     */
    void revokeIfAuthenticatedAs(Authenticator authenticator, String revokedPrincipal) {
        if (authenticatedBy != authenticator || !revokedPrincipal.equals(view.principal())
                || state.phase() != ConnectionState.Phase.OPEN) {
            return;
        }
        if (close(CloseStatus.POLICY_VIOLATION, "key revoked",
                ErrorMessage.withReason(ErrorCode.AUTH_FAILED, "Authentication failed", "key revoked"))) {
            LOG.info("Closed client {} ({}): its key was revoked", remote, revokedPrincipal);
        }
    }

    /**
     * Changes the scope of this connection if {@code authenticator} accepted it as
     * {@code principal}: its key's scope changed. Narrowed below control, it loses the control lease.
     */
    void rescopeIfAuthenticatedAs(Authenticator authenticator, String principal, Scope scope) {
        if (authenticatedBy != authenticator || !principal.equals(view.principal()) || !state.isCounted()) {
            return;
        }
        view = view.withScope(scope);
        LOG.info("Client {} ({}) now has the {} scope", remote, principal, scope.wireName());
        services.control().narrowed(view);
    }

    /** @return this connection's diagnostics */
    ConnectionStats stats() {
        OutboundQueue queue = outbound;
        OutboundQueue.Snapshot q = queue == null ? new OutboundQueue.Snapshot(0, 0, 0, 0, 0, 0) : queue.snapshot();
        ConnectionView current = view;
        return new ConnectionStats(current.id(), remote, current.principal(), state.isCounted(), q.queuedMessages(),
                q.queuedBytes(), q.sent(), q.conflated(), q.dropped(),
                q.lastSendCompletedMillis() == 0 ? null : Instant.ofEpochMilli(q.lastSendCompletedMillis()));
    }

    // ---- the steps -----------------------------------------------------------------------------

    private void open(FrameWriter writer) {
        outbound = new OutboundQueue(writer, queueLimits, this::view, services.events(), services.context(),
                services.scheduler());
        services.registry().add(this);
        if (inBand) {
            services.registry().pendingOpened();
        }
        services.events().connectionOpened(view);
        // Registered before the check, so a concurrent shutdown either sees this connection or is seen here.
        if (!services.context().isRunning()) {
            close(CloseStatus.SHUTDOWN, "server shutting down", null);
            return;
        }
        AuthChain.Verdict verdict = pending.acceptedAtHandshake();
        if (verdict != null) {
            authenticate(verdict, null);
            return;
        }
        try {
            pending.deadline(services.scheduler().schedule(() -> refuse("authentication timed out"),
                    services.config().auth().authTimeout().toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            close(CloseStatus.SHUTDOWN, "server shutting down", null); // the scheduler stopped: so did the server
        }
    }

    private void text(ByteBuffer payload, boolean fin) {
        ConnectionState.Phase phase = state.phase();
        if (phase == ConnectionState.Phase.CLOSING || phase == ConnectionState.Phase.CLOSED) {
            return; // the close is on its way; the message is moot
        }
        String text;
        try {
            text = assembler.appendText(payload, fin);
        } catch (MessageAssembler.MessageTooLargeException e) {
            tooLarge(e.maxBytes(), true);
            return;
        }
        if (text == null) {
            return;
        }
        if (phase == ConnectionState.Phase.PENDING) {
            authenticateInBand(text);
        } else if (phase == ConnectionState.Phase.OPEN) {
            services.context().requestReceived();
            if (!withinRate()) {
                services.events().messageReceived(view, null, assembler.completedBytes());
                return;
            }
            String type = services.dispatcher().dispatch(text, this);
            services.events().messageReceived(view, type, assembler.completedBytes());
        }
    }

    private void binary(int length, boolean fin) {
        ConnectionState.Phase phase = state.phase();
        if (phase == ConnectionState.Phase.CLOSING || phase == ConnectionState.Phase.CLOSED) {
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
        if (phase == ConnectionState.Phase.PENDING) {
            refuse("expected an auth message first");
        } else if (withinRate()) {
            replyError(ErrorMessage.withReason(ErrorCode.INVALID_MESSAGE, "Invalid message",
                    "binary messages are not supported"), null);
        }
    }

    private void authenticateInBand(String text) {
        PendingAuthentication current = pending;
        if (current == null) {
            return;
        }
        Admission.Decision decision = services.admission().inBand(text, current.handshake(), clientAddress, remote);
        if (decision.accepted()) {
            authenticate(decision.verdict(), decision.requestId());
        } else {
            closeRefused(decision.reason(), decision.requestId());
        }
    }

    /** @param inBandId for in-band auth: the id to echo in {@code auth_ok} (may be {@code null}) */
    private void authenticate(AuthChain.Verdict verdict, JsonElement inBandId) {
        if (!state.authenticate()) {
            return;
        }
        PendingAuthentication done = pending;
        pending = null; // the handshake's headers and verdict are no longer needed
        done.cancelDeadline();
        if (inBand) {
            services.registry().pendingEnded();
        }
        // Counted from here on: a close that races with the rest sees AUTHENTICATING and uncounts.
        services.context().connectionAuthenticated();
        authenticatedBy = verdict.decidedBy();
        String principal = verdict.decision().principal();
        view = view.authenticatedAs(principal, verdict.decision().scope());
        assembler.limit(services.config().limits().maxMessageBytes());
        if (inBand) {
            // The scope lets a client (a dashboard) show only what it may do.
            reply(OutboundJson.authOk(inBandId, verdict.decision().scope().wireName()));
        }
        StatusTopic.Encoded greeting = services.status().greeting();
        outbound.enqueueStatus(greeting.utf8(), greeting.seq());
        // Only now may pushes come: none can overtake auth_ok and the greeting.
        if (state.open()) {
            services.registry().pushStateChanged();
            services.events().connectionAuthenticated(view);
            LOG.debug("Client {} authenticated as {}", remote, principal);
            // A revocation that ran before this connection was OPEN did not see it.
            if (authenticatedBy instanceof ApiKeyAuthenticator keys && !keys.holds(principal)) {
                revokeIfAuthenticatedAs(keys, principal);
            }
        }
    }

    /** Refuses a pending connection for a reason of its own (counted and reported like any refusal). */
    private void refuse(String reason) {
        if (state.phase() == ConnectionState.Phase.PENDING) {
            services.admission().refuse(clientAddress, remote, reason); // counted and reported
            closeRefused(reason, null);
        }
    }

    private void closeRefused(String reason, JsonElement id) {
        close(CloseStatus.POLICY_VIOLATION, "authentication failed",
                ErrorMessage.withReason(ErrorCode.AUTH_FAILED, "Authentication failed", reason), id);
    }

    private void tooLarge(int maxBytes, boolean text) {
        ConnectionState.Phase phase = state.phase();
        if (phase == ConnectionState.Phase.PENDING) {
            refuse("auth message larger than " + maxBytes + " bytes");
            return;
        }
        if (text && phase == ConnectionState.Phase.OPEN) {
            services.context().requestReceived();
            services.events().messageReceived(view, null, maxBytes + 1L);
        }
        LOG.info("Client {} sent a message over {} bytes; closing with {}", remote, maxBytes,
                CloseStatus.MESSAGE_TOO_LARGE);
        close(CloseStatus.MESSAGE_TOO_LARGE, "message too large", ErrorMessage.of(ErrorCode.INVALID_MESSAGE,
                "Message too large", Map.of("reason", "message too large", "max_bytes", maxBytes)));
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
        close(CloseStatus.SERVER_ERROR, "internal error", null);
    }

    private boolean close(int code, String reason, ErrorMessage lastWords) {
        return close(code, reason, lastWords, null);
    }

    /**
     * Moves to CLOSING (once) and queues {@code lastWords}, if any, then the close frame, behind what
     * is already queued.
     *
     * @return whether this call closed the connection (not if it was closing already)
     */
    private boolean close(int code, String reason, ErrorMessage lastWords, JsonElement id) {
        OutboundQueue queue = outbound;
        if (queue == null) {
            return false; // not open yet: there is nothing to close
        }
        ConnectionState.Left left = state.close();
        if (left == ConnectionState.Left.NOTHING) {
            return false;
        }
        release(left);
        if (lastWords != null) {
            replyError(lastWords, id);
        }
        queue.close(code, reason);
        return true;
    }

    /** Undoes what the phase the connection left was counted as. */
    private void release(ConnectionState.Left left) {
        PendingAuthentication current = pending;
        if (current != null) {
            current.cancelDeadline();
        }
        if (left == ConnectionState.Left.PENDING && inBand) {
            services.registry().pendingEnded();
        } else if (left == ConnectionState.Left.COUNTED) {
            services.context().authenticatedConnectionClosed();
        }
    }
}
