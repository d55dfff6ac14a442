package io.hydrogen.ws.jetty.internal.core;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.jetty.internal.auth.AuthOutcome;
import io.hydrogen.ws.jetty.internal.auth.KeyAuthenticator;
import io.hydrogen.ws.jetty.internal.message.ErrorCode;
import io.hydrogen.ws.jetty.internal.message.ErrorMessage;
import io.hydrogen.ws.jetty.internal.message.HttpJsonResponses;
import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import io.hydrogen.ws.jetty.internal.message.StatusSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The plain HTTP side of the port: {@code GET /api/system/info}, a 426 for non-upgrade requests to
 * the WebSocket path, and a JSON 404 for everything else.
 */
final class HttpEndpoints extends Handler.Abstract.NonBlocking {

    private final String webSocketPath;
    private final String protocol;
    private final KeyAuthenticator authenticator;
    private final StatusSource status;
    private final IntSupplier boundPort;

    HttpEndpoints(String webSocketPath, String protocol, KeyAuthenticator authenticator, StatusSource status,
            IntSupplier boundPort) {
        this.webSocketPath = webSocketPath;
        this.protocol = protocol;
        this.authenticator = authenticator;
        this.status = status;
        this.boundPort = boundPort;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (HydrogenWebSocketServer.SYSTEM_INFO_PATH.equals(path)) {
            systemInfo(request, response, callback);
        } else if (webSocketPath.equals(path)) {
            response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
            HttpJsonResponses.writeError(response, callback, HttpStatus.UPGRADE_REQUIRED_426,
                    ErrorMessage.withReason(ErrorCode.UPGRADE_REQUIRED, "This path serves WebSocket connections only",
                            "connect with a WebSocket client offering subprotocol " + protocol));
        } else {
            HttpJsonResponses.writeError(response, callback, HttpStatus.NOT_FOUND_404,
                    ErrorMessage.withReason(ErrorCode.NOT_FOUND, "Not found", "no such path"));
        }
        return true;
    }

    private void systemInfo(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, HttpMethod.GET.asString());
            HttpJsonResponses.writeError(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                    ErrorMessage.withReason(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed", "use GET"));
            return;
        }
        AuthOutcome outcome = authenticator.authenticateHttp(
                request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION));
        if (outcome.result() != AuthOutcome.Result.ACCEPTED) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, KeyAuthenticator.CHALLENGE);
            HttpJsonResponses.writeError(response, callback, HttpStatus.UNAUTHORIZED_401,
                    ErrorMessage.withReason(ErrorCode.AUTH_FAILED, "Authentication failed", outcome.reason()));
            return;
        }
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", boundPort.getAsInt());
        endpoint.put("protocol", protocol);
        String json = OutboundJson.status(status.current(), null, endpoint);
        HttpJsonResponses.write(response, callback, HttpStatus.OK_200, json);
    }
}
