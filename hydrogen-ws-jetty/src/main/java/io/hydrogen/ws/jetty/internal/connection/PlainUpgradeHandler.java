package io.hydrogen.ws.jetty.internal.connection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The standalone server's WebSocket handshake for plain connections: a valid RFC 6455 upgrade
 * request for the endpoint's path, on the server's own connector ({@link FanOutEndPoint}: plain
 * TCP), is decided by the {@link ConnectionAcceptor} exactly as on Jetty's path, answered with 101
 * and upgraded to a {@link PlainWebSocketConnection}. No extension is negotiated on it.
 *
 * <p>Everything else goes on to the next handler (Jetty's WebSocket upgrade handler, and the HTTP
 * endpoints behind it), which answers it as before: a request that is not a clean upgrade (Jetty
 * says what is wrong with it), a connector of the host's, TLS, and an offer of extensions when
 * permessage-deflate is configured on (Jetty negotiates it).
 */
public final class PlainUpgradeHandler extends Handler.Wrapper {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final PreEncodedHttpField UPGRADE_WEBSOCKET =
            new PreEncodedHttpField(HttpHeader.UPGRADE, "websocket");
    private static final PreEncodedHttpField CONNECTION_UPGRADE =
            new PreEncodedHttpField(HttpHeader.CONNECTION, "Upgrade");
    // SHA-1 digests are not thread-safe and not free to create: one per thread, reused.
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    });

    private final String path;
    private final ConnectionAcceptor acceptor;
    private final EncodedFrames frames;
    private final PreEncodedHttpField subProtocol;
    private final boolean deflateConfigured;
    private final long idleTimeoutMillis;

    /**
     * @param services the endpoint's components (its configuration: path, subprotocol, deflate, idle timeout)
     * @param acceptor the handshake's decision, shared with Jetty's path
     * @param next Jetty's WebSocket upgrade handler, for what this one leaves
     */
    public PlainUpgradeHandler(ConnectionServices services, ConnectionAcceptor acceptor, Handler next) {
        super(next);
        this.path = services.config().endpoint().path();
        this.acceptor = acceptor;
        this.frames = services.frames();
        this.subProtocol = new PreEncodedHttpField(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL,
                services.config().endpoint().protocol());
        this.deflateConfigured = services.config().endpoint().permessageDeflate();
        this.idleTimeoutMillis = services.config().liveness().idleTimeout().toMillis();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String key = plainUpgradeKey(request);
        if (key == null) {
            return super.handle(request, response, callback);
        }
        List<String> offered = request.getHeaders().getCSV(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL, false);
        HydrogenConnection connection = acceptor.accept(request, offered, response, callback);
        if (connection == null) {
            return true; // refused: the answer is written
        }
        ConnectionMetaData metaData = request.getConnectionMetaData();
        Connector connector = metaData.getConnector();
        PlainWebSocketConnection upgraded = new PlainWebSocketConnection(connection,
                (FanOutEndPoint) metaData.getConnection().getEndPoint(), connector.getExecutor(),
                connector.getByteBufferPool(), frames, idleTimeoutMillis);
        response.setStatus(HttpStatus.SWITCHING_PROTOCOLS_101);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(UPGRADE_WEBSOCKET);
        headers.put(CONNECTION_UPGRADE);
        headers.put(HttpHeader.SEC_WEBSOCKET_ACCEPT, acceptKey(key));
        headers.put(subProtocol);
        // Jetty's HTTP/1.1 connection hands the socket over once the 101 is written.
        request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, upgraded);
        response.write(true, null, callback);
        return true;
    }

    /**
     * @return the client's {@code Sec-WebSocket-Key} if this is a request this handler takes (the
     *     checks of Jetty's RFC 6455 handshake, and the conditions above), else {@code null}
     */
    private String plainUpgradeKey(Request request) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            return null;
        }
        ConnectionMetaData metaData = request.getConnectionMetaData();
        if (metaData.getHttpVersion() != HttpVersion.HTTP_1_1
                || !(metaData.getConnection().getEndPoint() instanceof FanOutEndPoint)
                || !path.equals(Request.getPathInContext(request))) {
            return null;
        }
        HttpFields headers = request.getHeaders();
        if (!"websocket".equalsIgnoreCase(headers.get(HttpHeader.UPGRADE))
                || !headers.contains(HttpHeader.CONNECTION, "upgrade")
                || !"13".equals(headers.get(HttpHeader.SEC_WEBSOCKET_VERSION))
                || (deflateConfigured && headers.contains(HttpHeader.SEC_WEBSOCKET_EXTENSIONS))) {
            return null;
        }
        return headers.get(HttpHeader.SEC_WEBSOCKET_KEY);
    }

    /** @return RFC 6455's {@code Sec-WebSocket-Accept} for {@code key} */
    static String acceptKey(String key) {
        MessageDigest sha1 = SHA1.get();
        sha1.update(key.getBytes(StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(sha1.digest(ACCEPT_GUID.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
