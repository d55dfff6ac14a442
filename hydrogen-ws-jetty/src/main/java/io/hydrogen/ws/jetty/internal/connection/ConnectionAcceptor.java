package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.ServerConfig;
import io.hydrogen.ws.jetty.internal.auth.Admission;
import org.eclipse.jetty.http.HttpHeader;
import io.hydrogen.ws.jetty.internal.auth.ClientAddress;
import io.hydrogen.ws.jetty.internal.auth.HandshakeView;
import io.hydrogen.ws.jetty.internal.message.ErrorCode;
import io.hydrogen.ws.jetty.internal.message.ErrorMessage;
import io.hydrogen.ws.jetty.internal.message.HttpJsonResponses;
import io.hydrogen.ws.jetty.internal.message.MessageParser;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides each WebSocket handshake, cheapest check first: running, allowed origin, connection
 * caps, subprotocol, then {@link Admission} (throttling and the authenticators: accept, or defer to
 * in-band within the pending cap). permessage-deflate is refused unless configured. Refusals are HTTP
 * responses with the JSON error envelope; the connection is then not upgraded.
 *
 * <p>Two handshakes use it: the standalone server's own for plain connections
 * ({@link PlainUpgradeHandler}, through {@link #accept}), and Jetty's for the rest, as a
 * negotiator of Jetty's WebSocket core: there it hands Jetty a {@link FrameHandler} directly, so
 * Jetty keeps none of its listener API's per-session objects and nothing of the upgrade request
 * but its URI. Hydrogen keeps what {@link HandshakeView} copied, and only until authentication.
 */
public final class ConnectionAcceptor implements WebSocketNegotiator {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionAcceptor.class);

    private final ConnectionServices services;
    // One for all connections: not one more object of each connection's to reach per message.
    private final OutboundQueue.Limits queueLimits;

    public ConnectionAcceptor(ConnectionServices services) {
        this.services = services;
        this.queueLimits = OutboundQueue.Limits.of(services.config().queues());
    }

    /**
     * Jetty's handshake (a host's connector, TLS, permessage-deflate, or what
     * {@link PlainUpgradeHandler} left to Jetty).
     *
     * @return the new connection's frame handler, or {@code null} when the handshake was refused
     *     (the refusal is then written and {@code callback} completed)
     */
    @Override
    public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        HydrogenConnection connection = accept(request, request.getSubProtocols(), response, callback);
        if (connection != null) {
            response.setAcceptedSubProtocol(services.config().endpoint().protocol());
            if (!services.config().endpoint().permessageDeflate()) {
                response.setExtensions(List.of()); // permessage-deflate costs throughput and memory for small JSON
            }
        }
        return connection;
    }

    /**
     * Decides a handshake, for Jetty's and for {@link PlainUpgradeHandler}'s.
     *
     * @param offeredSubProtocols the subprotocols the client offered
     * @return the new connection, or {@code null} when the handshake was refused (the refusal is
     *     then written and {@code callback} completed)
     */
    HydrogenConnection accept(Request request, List<String> offeredSubProtocols, Response response, Callback callback) {
        InetAddress client = services.clientAddress().of(request);
        String remote = ClientAddress.describe(client, Request.getRemotePort(request));
        ErrorMessage refusal = refusal(request, offeredSubProtocols, response, client);
        if (refusal != null) {
            LOG.debug("Refused client {}: {}", remote, refusal.code());
            HttpJsonResponses.writeError(response, callback, response.getStatus(), refusal);
            return null;
        }
        HandshakeView handshake = HandshakeView.of(request, offeredSubProtocols);
        Admission.Decision decision = services.admission().handshake(handshake, client, remote);
        if (decision.outcome() == Admission.Outcome.REFUSED || decision.outcome() == Admission.Outcome.THROTTLED) {
            Admission.answer(response, callback, decision);
            return null;
        }
        boolean accepted = decision.accepted();
        if (!accepted && services.registry().pending() >= services.config().limits().maxPendingConnections()) {
            HttpJsonResponses.writeError(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, busy(
                    "too many connections waiting to authenticate"));
            return null;
        }
        return new HydrogenConnection(services, new PendingAuthentication(handshake, accepted ? decision.verdict() : null),
                client, remote, queueLimits);
    }

    /**
     * The checks before authentication, cheapest first. Sets the response status.
     *
     * @return the error to answer with, or {@code null} to go on
     */
    private ErrorMessage refusal(Request request, List<String> offeredSubProtocols, Response response,
            InetAddress client) {
        ServerConfig config = services.config();
        if (!services.context().isRunning()) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
            return ErrorMessage.withReason(ErrorCode.SERVER_ERROR, "Server is shutting down", "shutting down");
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !config.auth().allowedOrigins().isEmpty()
                && !config.auth().allowedOrigins().contains(origin.toLowerCase(Locale.ROOT))) {
            response.setStatus(HttpStatus.FORBIDDEN_403);
            return ErrorMessage.of(ErrorCode.ORIGIN_NOT_ALLOWED, "This origin may not connect",
                    Map.of("origin", MessageParser.truncateForEcho(origin)));
        }
        ConnectionRegistry registry = services.registry();
        if (registry.size() >= config.limits().maxConnections()) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
            return busy("too many connections");
        }
        if (!client.isLoopbackAddress()
                && registry.connectionsFrom(client) >= config.limits().maxConnectionsPerAddress()) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
            return busy("too many connections from this address");
        }
        String protocol = config.endpoint().protocol();
        if (offeredSubProtocols.stream().noneMatch(protocol::equalsIgnoreCase)) { // as Jetty's hasSubProtocol
            response.setStatus(HttpStatus.BAD_REQUEST_400);
            return ErrorMessage.of(ErrorCode.UNSUPPORTED_PROTOCOL,
                    "The WebSocket subprotocol '" + protocol + "' is required",
                    Map.of("expected", protocol, "offered", offeredSubProtocols));
        }
        return null;
    }

    private static ErrorMessage busy(String reason) {
        return ErrorMessage.withReason(ErrorCode.SERVER_BUSY, "Server busy, try again later", reason);
    }

}
