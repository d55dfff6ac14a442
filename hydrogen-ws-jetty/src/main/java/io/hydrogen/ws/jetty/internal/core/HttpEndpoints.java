package io.hydrogen.ws.jetty.internal.core;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.OutboundStats;
import io.hydrogen.ws.ServerContext;
import io.hydrogen.ws.jetty.internal.auth.Admission;
import io.hydrogen.ws.jetty.internal.auth.ClientAddress;
import io.hydrogen.ws.jetty.internal.auth.HandshakeView;
import io.hydrogen.ws.jetty.internal.message.ErrorCode;
import io.hydrogen.ws.jetty.internal.message.ErrorMessage;
import io.hydrogen.ws.jetty.internal.message.HttpJsonResponses;
import io.hydrogen.ws.jetty.internal.topics.StatusTopic;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The plain HTTP side of the port: {@code GET /api/system/info}, the published contract at
 * {@code GET /api/schema} and {@code GET /api/schema/NAME}, then the host's static files if it has
 * any (the wrapped handler), a 426 for other non-upgrade requests to the WebSocket path, and a JSON
 * 404 for everything else.
 */
final class HttpEndpoints extends Handler.Wrapper {

    /** The contract's index; its files are below it. */
    static final String SCHEMA_PATH = "/api/schema";

    private final String webSocketPath;
    private final String protocol;
    private final Admission admission;
    private final StatusTopic status;
    private final ServerContext context;
    private final ClientAddress clientAddress;

    /** @param staticContent the host's static files, or {@code null} for none */
    HttpEndpoints(String webSocketPath, String protocol, Admission admission, StatusTopic status,
            ServerContext context, ClientAddress clientAddress, Handler staticContent) {
        super(staticContent);
        this.context = context;
        this.clientAddress = clientAddress;
        this.webSocketPath = webSocketPath;
        this.protocol = protocol;
        this.admission = admission;
        this.status = status;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (HydrogenWebSocketServer.SYSTEM_INFO_PATH.equals(path)) {
            systemInfo(request, response, callback);
        } else if (SCHEMA_PATH.equals(path) || path.startsWith(SCHEMA_PATH + "/")) {
            schema(path.substring(SCHEMA_PATH.length()), request, response, callback);
        } else if (super.handle(request, response, callback)) {
            return true; // a static file of the host's
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
        if (!admittedGet(request, response, callback)) {
            return;
        }
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", Request.getLocalPort(request));
        endpoint.put("protocol", protocol);
        OutboundStats totals = context.outboundStats();
        Map<String, Object> outbound = new LinkedHashMap<>();
        outbound.put("queued_messages", totals.queuedMessages());
        outbound.put("queued_bytes", totals.queuedBytes());
        outbound.put("messages_sent", totals.messagesSent());
        outbound.put("messages_conflated", totals.messagesConflated());
        outbound.put("messages_dropped", totals.messagesDropped());
        outbound.put("slow_clients_closed", totals.slowClientsClosed());
        endpoint.put("outbound", outbound);
        String json = status.systemInfo(endpoint);
        HttpJsonResponses.write(response, callback, HttpStatus.OK_200, json);
    }

    /** {@code suffix} is empty for the index, or {@code /NAME} for one file of the contract. */
    private void schema(String suffix, Request request, Response response, Callback callback) {
        if (!admittedGet(request, response, callback)) {
            return;
        }
        ContractResources contract = ContractResources.get();
        ContractResources.Resource resource = suffix.isEmpty() ? contract.index() : contract.file(suffix.substring(1));
        if (resource == null) {
            HttpJsonResponses.writeError(response, callback, HttpStatus.NOT_FOUND_404,
                    ErrorMessage.withReason(ErrorCode.NOT_FOUND, "Not found", "no such schema; GET " + SCHEMA_PATH
                            + " lists them"));
            return;
        }
        HttpJsonResponses.write(response, callback, HttpStatus.OK_200, resource.contentType(), resource.bytes());
    }

    /**
     * Answers anything but an authenticated GET (405, or the admission's refusal).
     *
     * @return whether the request is an authenticated GET, to be answered by the caller
     */
    private boolean admittedGet(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, HttpMethod.GET.asString());
            HttpJsonResponses.writeError(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                    ErrorMessage.withReason(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed", "use GET"));
            return false;
        }
        InetAddress client = clientAddress.of(request);
        String remote = ClientAddress.describe(client, Request.getRemotePort(request));
        // Same admission as the handshake; there is no in-band alternative on plain HTTP.
        Admission.Decision decision = admission.http(HandshakeView.of(request, List.of()), client, remote);
        if (!decision.accepted()) {
            Admission.answer(response, callback, decision);
            return false;
        }
        return true;
    }
}
