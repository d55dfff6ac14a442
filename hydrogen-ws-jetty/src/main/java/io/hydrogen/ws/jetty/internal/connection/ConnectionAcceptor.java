package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.jetty.internal.auth.ApiKeyAuthenticator;
import io.hydrogen.ws.jetty.internal.auth.AuthChain;
import io.hydrogen.ws.jetty.internal.auth.HandshakeView;
import io.hydrogen.ws.jetty.internal.message.ErrorCode;
import io.hydrogen.ws.jetty.internal.message.ErrorMessage;
import io.hydrogen.ws.jetty.internal.message.HttpJsonResponses;
import io.hydrogen.ws.spi.AuthDecision;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides each WebSocket handshake: the subprotocol must be offered, the authenticators must
 * accept or defer, and permessage-deflate is refused. Refusals are HTTP responses with the JSON
 * error envelope; the connection is then not upgraded.
 */
public final class ConnectionAcceptor implements WebSocketCreator {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionAcceptor.class);

    private final ConnectionServices services;

    public ConnectionAcceptor(ConnectionServices services) {
        this.services = services;
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String remote = describe(Request.getRemoteAddr(request), Request.getRemotePort(request));
        if (!services.context().isRunning()) {
            HttpJsonResponses.writeError(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    ErrorMessage.withReason(ErrorCode.SERVER_ERROR, "Server is shutting down", "shutting down"));
            return null;
        }
        String protocol = services.config().protocol();
        if (!request.hasSubProtocol(protocol)) {
            LOG.debug("Refused client {}: subprotocol {} not offered", remote, protocol);
            HttpJsonResponses.writeError(response, callback, HttpStatus.BAD_REQUEST_400, ErrorMessage.of(
                    ErrorCode.UNSUPPORTED_PROTOCOL, "The WebSocket subprotocol '" + protocol + "' is required",
                    Map.of("expected", protocol, "offered", request.getSubProtocols())));
            return null;
        }
        HandshakeView handshake = HandshakeView.of(request, request.getSubProtocols());
        AuthChain.Verdict verdict = services.auth().handshake(handshake);
        AuthDecision decision = verdict.decision();
        if (decision.outcome() == AuthDecision.Outcome.REJECT) {
            LOG.info("Authentication failed for client {}: {}", remote, decision.reason());
            services.events().authFailed(remote, decision.reason());
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, ApiKeyAuthenticator.CHALLENGE);
            HttpJsonResponses.writeError(response, callback, HttpStatus.UNAUTHORIZED_401,
                    ErrorMessage.withReason(ErrorCode.AUTH_FAILED, "Authentication failed", decision.reason()));
            return null;
        }
        response.setAcceptedSubProtocol(protocol);
        if (!services.config().permessageDeflate()) {
            response.setExtensions(List.of()); // permessage-deflate costs throughput and memory for small JSON
        }
        boolean accepted = decision.outcome() == AuthDecision.Outcome.ACCEPT;
        return new HydrogenConnection(services, handshake, accepted ? verdict : null, remote);
    }

    /** @return {@code host:port}, with IPv6 hosts in brackets */
    static String describe(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
