package io.hydrogen.ws.jetty.internal.connection;

import com.google.gson.JsonElement;
import io.hydrogen.ws.jetty.internal.auth.InBandAuthMessage;
import io.hydrogen.ws.jetty.internal.dispatch.MessageContext;
import io.hydrogen.ws.jetty.internal.message.ErrorCode;
import io.hydrogen.ws.jetty.internal.message.ErrorMessage;
import io.hydrogen.ws.jetty.internal.message.MessageAssembler;
import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import io.hydrogen.ws.jetty.internal.message.StatusSnapshot;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * a session's events one at a time; the status push and timers call in from other threads, which
 * is why the state is atomic and sends go through the thread-safe {@link OutboundQueue}.
 */
public final class HydrogenConnection implements Session.Listener.AutoDemanding, MessageContext {

    private static final Logger LOG = LoggerFactory.getLogger(HydrogenConnection.class);
    private static final int MAX_QUEUED_MESSAGES = 1024;

    private enum State {
        /** Upgraded without a header: waiting for the in-band auth message. */
        PENDING,
        /** Counted in the context; receives status. */
        AUTHENTICATED,
        /** In-band auth failed; closing. */
        REJECTED,
        /** The WebSocket is closed. */
        CLOSED
    }

    private final ConnectionServices services;
    private final boolean authenticatedAtHandshake;
    private final String remote;
    private final AtomicReference<State> state = new AtomicReference<>(State.PENDING);
    private final MessageAssembler assembler;
    private volatile OutboundQueue outbound;
    private volatile ScheduledFuture<?> authDeadline;
    private volatile boolean closing;

    HydrogenConnection(ConnectionServices services, boolean authenticatedAtHandshake, String remote) {
        this.services = services;
        this.authenticatedAtHandshake = authenticatedAtHandshake;
        this.remote = remote;
        this.assembler = new MessageAssembler(services.config().maxMessageBytes());
    }

    @Override
    public void onWebSocketOpen(Session session) {
        outbound = new OutboundQueue(((WebSocketSession) session).getCoreSession(), MAX_QUEUED_MESSAGES, remote);
        services.registry().add(this);
        // Registered before the check, so a concurrent shutdown either sees this connection or is seen here.
        if (!services.context().isRunning()) {
            close(StatusCode.SHUTDOWN, "server shutting down");
            return;
        }
        if (authenticatedAtHandshake) {
            authenticate(null);
        } else {
            authDeadline = services.scheduler().schedule(() -> rejectAuth("authentication timed out", null),
                    services.config().authTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void onWebSocketPartialText(String fragment, boolean fin) {
        if (closing) {
            return;
        }
        String text;
        try {
            text = assembler.appendText(fragment, fin);
        } catch (MessageAssembler.MessageTooLargeException e) {
            if (state.get() == State.AUTHENTICATED) {
                services.context().requestReceived();
            }
            rejectTooLarge(e.maxBytes());
            return;
        }
        if (text == null) {
            return;
        }
        switch (state.get()) {
            case PENDING -> authenticateInBand(text);
            case AUTHENTICATED -> {
                services.context().requestReceived();
                services.dispatcher().dispatch(text, this);
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
        if (closing) {
            return;
        }
        boolean complete;
        try {
            complete = assembler.appendBinary(length, fin);
        } catch (MessageAssembler.MessageTooLargeException e) {
            rejectTooLarge(e.maxBytes());
            return;
        }
        if (!complete) {
            return;
        }
        if (state.get() == State.PENDING) {
            rejectAuth("expected an auth message first", null);
        } else {
            replyError(ErrorMessage.withReason(ErrorCode.INVALID_MESSAGE, "Invalid message",
                    "binary messages are not supported"), null);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("WebSocket error on client {}", remote, cause);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        State previous = state.getAndSet(State.CLOSED);
        if (previous == State.AUTHENTICATED) {
            services.context().authenticatedConnectionClosed();
        }
        cancelAuthDeadline();
        services.registry().remove(this);
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
    }

    @Override
    public String remoteAddress() {
        return remote;
    }

    /** Queues a broadcast status message if this connection is authenticated; {@code payload} is shared. */
    void pushStatus(ByteBuffer payload, long seq) {
        if (state.get() == State.AUTHENTICATED) {
            outbound.enqueueStatus(payload, seq);
        }
    }

    /** Says goodbye for a server shutdown: a last status if authenticated, then close code 1001. */
    public void shutdown(ByteBuffer lastStatus, long seq) {
        pushStatus(lastStatus, seq);
        close(StatusCode.SHUTDOWN, "server shutting down");
    }

    /** @return whether the connection is authenticated and open */
    public boolean isAuthenticated() {
        return state.get() == State.AUTHENTICATED;
    }

    private void authenticateInBand(String text) {
        InBandAuthMessage.Verdict verdict = InBandAuthMessage.check(text, services.authenticator());
        if (verdict.accepted()) {
            authenticate(verdict.id());
        } else {
            rejectAuth(verdict.reason(), verdict.id());
        }
    }

    /** @param inBandId non-null for in-band auth: the id to echo in {@code auth_ok} */
    private void authenticate(JsonElement inBandId) {
        if (!state.compareAndSet(State.PENDING, State.AUTHENTICATED)) {
            return;
        }
        cancelAuthDeadline();
        services.context().connectionAuthenticated();
        if (!authenticatedAtHandshake) {
            reply(OutboundJson.reply("auth_ok", inBandId));
        }
        StatusSnapshot greeting = services.status().current();
        outbound.enqueueStatus(OutboundJson.utf8(OutboundJson.status(greeting, null, Map.of())), greeting.seq());
        LOG.debug("Client {} authenticated ({})", remote, authenticatedAtHandshake ? "header" : "in-band");
    }

    private void rejectAuth(String reason, JsonElement id) {
        if (!state.compareAndSet(State.PENDING, State.REJECTED)) {
            return;
        }
        cancelAuthDeadline();
        LOG.info("Authentication failed for client {}: {}", remote, reason);
        replyError(ErrorMessage.withReason(ErrorCode.AUTH_FAILED, "Authentication failed", reason), id);
        close(StatusCode.POLICY_VIOLATION, "authentication failed");
    }

    private void rejectTooLarge(int maxBytes) {
        LOG.info("Client {} sent a message over {} bytes; closing with {}", remote, maxBytes, StatusCode.MESSAGE_TOO_LARGE);
        replyError(new ErrorMessage(ErrorCode.INVALID_MESSAGE, "Message too large",
                Map.of("reason", "message too large", "max_bytes", maxBytes)), null);
        close(StatusCode.MESSAGE_TOO_LARGE, "message too large");
    }

    private void close(int code, String reason) {
        closing = true;
        outbound.close(code, reason);
    }

    private void cancelAuthDeadline() {
        ScheduledFuture<?> deadline = authDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
