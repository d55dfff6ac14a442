package io.hydrogen.ws.jetty.internal.auth;

import io.hydrogen.ws.spi.HandshakeRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * A snapshot of a Jetty request as a {@link HandshakeRequest}: taken at the handshake, so it stays
 * valid for in-band authentication after the request itself is gone.
 */
public record HandshakeView(String path, Map<String, List<String>> headers, Map<String, List<String>> queryParameters,
        List<String> subProtocols, InetSocketAddress remoteAddress) implements HandshakeRequest {

    /** @return a snapshot of {@code request}, with the subprotocols the client offered */
    public static HandshakeView of(Request request, List<String> subProtocols) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getLowerCaseName(), name -> new ArrayList<>()).add(field.getValue());
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        for (Fields.Field field : fields) {
            query.put(field.getName(), List.copyOf(field.getValues()));
        }
        return new HandshakeView(Request.getPathInContext(request), freeze(headers), freeze(query),
                List.copyOf(subProtocols), inet(request.getConnectionMetaData().getRemoteSocketAddress()));
    }

    private static Map<String, List<String>> freeze(Map<String, List<String>> map) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        map.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    private static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet : InetSocketAddress.createUnresolved("unknown", 0);
    }

    @Override
    public String toString() {
        // Headers and query may hold credentials: never print them.
        return "HandshakeView[path=" + path + ", remote=" + remoteAddress + "]";
    }
}
