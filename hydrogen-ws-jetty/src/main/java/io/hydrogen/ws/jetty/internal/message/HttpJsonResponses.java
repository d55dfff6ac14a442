package io.hydrogen.ws.jetty.internal.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes JSON HTTP responses: the handshake's refusals and the HTTP endpoints. */
public final class HttpJsonResponses {

    private HttpJsonResponses() {
    }

    /** Writes {@code json} with {@code status} and completes {@code callback}. */
    public static void write(Response response, Callback callback, int status, String json) {
        write(response, callback, status, MimeTypes.Type.APPLICATION_JSON_UTF_8.asString(),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code body} as {@code contentType} with {@code status} and completes {@code callback}. */
    public static void write(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Writes the error envelope with {@code status} and completes {@code callback}. */
    public static void writeError(Response response, Callback callback, int status, ErrorMessage error) {
        write(response, callback, status, OutboundJson.httpError(error));
    }
}
