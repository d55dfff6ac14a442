package io.hydrogen.ws.jetty.internal.core;

import io.hydrogen.ws.jetty.internal.message.ErrorMessage;
import io.hydrogen.ws.jetty.internal.message.HttpJsonResponses;
import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty produces itself (malformed requests, oversized headers, failures before
 * our handlers run) with the documented JSON envelope, code {@code http_error}, instead of Jetty's
 * HTML page: no stack traces, no server version.
 */
public final class JsonErrorHandler extends ErrorHandler {

    /** The error code of errors Jetty produces on the HTTP level. */
    static final String HTTP_ERROR = "http_error";

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        HttpJsonResponses.writeError(response, callback, code, error(code));
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON_UTF_8.asString());
        return ByteBuffer.wrap(OutboundJson.httpError(error(status)).getBytes(StandardCharsets.UTF_8));
    }

    private static ErrorMessage error(int status) {
        String text = HttpStatus.getMessage(status);
        return ErrorMessage.of(HTTP_ERROR, text == null ? "HTTP error" : text, Map.of("status", status));
    }
}
