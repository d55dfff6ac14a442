package io.hydrogen.ws.spi;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A read-only view of a WebSocket handshake, for an {@link Authenticator}. */
public interface HandshakeRequest {

    /** @return the request path, relative to the endpoint's context */
    String path();

    /** @return every header, names in lower case, values in the order received */
    Map<String, List<String>> headers();

    /**
     * Returns the first value of a header.
     *
     * @param name the header name, in any case
     * @return the first value, if the header is present
     */
    default Optional<String> header(String name) {
        List<String> values = headers().get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** @return the query parameters, percent-decoded */
    Map<String, List<String>> queryParameters();

    /** @return the subprotocols the client offered, in its order */
    List<String> subProtocols();

    /** @return the client's address (the direct peer) */
    InetSocketAddress remoteAddress();

    /** @return the {@code Origin} header, sent by browsers */
    default Optional<String> origin() {
        return header("Origin");
    }
}
