package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.jetty.internal.auth.AuthOutcome;
import io.hydrogen.ws.jetty.internal.auth.KeyAuthenticator;
import io.hydrogen.ws.jetty.internal.message.ErrorCode;
import io.hydrogen.ws.jetty.internal.message.ErrorMessage;
import io.hydrogen.ws.jetty.internal.message.HttpJsonResponses;
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
 * Decides each WebSocket handshake: the subprotocol must be offered, the key (if sent) must be
 * valid, and permessage-deflate is refused. Refusals are HTTP responses with the JSON error
 * envelope; the connection is then not upgraded.
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
            HttpJsonResponses.writeError(response, callback, HttpStatus.BAD_REQUEST_400, new ErrorMessage(
                    ErrorCode.UNSUPPORTED_PROTOCOL, "The WebSocket subprotocol '" + protocol + "' is required",
                    Map.of("expected", protocol, "offered", request.getSubProtocols())));
            return null;
        }
        List<String> authorization = request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION);
        AuthOutcome outcome = services.authenticator().authenticateHandshake(authorization);
        if (outcome.result() == AuthOutcome.Result.REJECTED) {
            LOG.info("Authentication failed for client {}: {}", remote, outcome.reason());
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, KeyAuthenticator.CHALLENGE);
            HttpJsonResponses.writeError(response, callback, HttpStatus.UNAUTHORIZED_401,
                    ErrorMessage.withReason(ErrorCode.AUTH_FAILED, "Authentication failed", outcome.reason()));
            return null;
        }
        response.setAcceptedSubProtocol(protocol);
        response.setExtensions(List.of()); // permessage-deflate costs throughput and memory for small JSON
        return new HydrogenConnection(services, outcome.result() == AuthOutcome.Result.ACCEPTED, remote);
    }

    /** @return {@code host:port}, with IPv6 hosts in brackets */
    static String describe(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
