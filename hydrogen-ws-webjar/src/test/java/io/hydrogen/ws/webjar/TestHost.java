package io.hydrogen.ws.webjar;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.spi.MessageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hydrogen server on loopback for the JavaScript client's tests, with a small HTTP control API on
 * a second loopback port through which the Node tests publish to topics and stop and restart the
 * server (on the same port). Control API, all JSON:
 * <ul>
 *   <li>{@code GET /info}: {@code {"url":..., "port":..., "epoch":...}}</li>
 *   <li>{@code POST /publish/TOPIC} (body: the new value) and {@code POST /update/TOPIC} (body: the
 *       changed members) on a state topic; {@code POST /emit/TOPIC} (body: the event) on an event
 *       topic: {@code {"seq":...}}</li>
 *   <li>{@code POST /stop}, {@code POST /start}: the server closes, or starts again on its port</li>
 * </ul>
 * Handlers: the command {@code job.start} (it needs the control lease; result
 * {@code {"started":file}}), {@code printer.fail} (error {@code printer_busy}) and
 * {@code slow.never} (never answers).
 */
final class TestHost implements AutoCloseable {

    static final String KEY = "js-client-test-key-0123456789";
    static final Duration STATUS_INTERVAL = Duration.ofMillis(200);

    private static final Logger LOG = LoggerFactory.getLogger(TestHost.class);
    private static final Gson GSON = new Gson();
    private static final Type MAP = new TypeToken<Map<String, Object>>() { }.getType();

    private final HttpServer control;
    private volatile HydrogenWebSocketServer server;
    private volatile int port;

    private TestHost() throws IOException {
        server = build(0);
        server.start();
        port = server.port();
        control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/", this::handle);
        control.start();
    }

    /** @return a started host */
    static TestHost start() throws IOException {
        return new TestHost();
    }

    /** @return the control API's base URL, for example {@code http://127.0.0.1:40123} */
    String controlUrl() {
        return "http://127.0.0.1:" + control.getAddress().getPort();
    }

    /** @return the running server */
    HydrogenWebSocketServer server() {
        return server;
    }

    private static HydrogenWebSocketServer build(int port) {
        return HydrogenWebSocketServer.builder()
                .binding(b -> b.host("127.0.0.1").port(port).portRangeEnd(port == 0 ? 5010 : port))
                .apiKey(KEY)
                .exitWait(Duration.ofSeconds(1))
                .topics(t -> t.stateTopic("printer").eventTopic("print_log"))
                .endpoint(e -> e.statusProviderDiscovery(false)
                        .statusInterval(STATUS_INTERVAL)
                        .command("job.start", request -> Map.of("started", request.payload().get("file")))
                        .messageHandler("printer.fail", request -> {
                            throw new MessageException("printer_busy", "The printer is busy",
                                    Map.of("state", "printing"));
                        })
                        .messageHandler("slow.never", request -> new CompletableFuture<>()))
                .build();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int status = 200;
            Object reply;
            try {
                reply = dispatch(exchange.getRequestMethod(), path, body);
            } catch (RuntimeException e) {
                LOG.warn("control request {} {} failed", exchange.getRequestMethod(), path, e);
                status = 500;
                reply = Map.of("error", String.valueOf(e));
            }
            if (reply == null) {
                status = 404;
                reply = Map.of("error", "no such control request: " + exchange.getRequestMethod() + " " + path);
            }
            byte[] bytes = GSON.toJson(reply).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Object dispatch(String method, String path, String body) {
        String[] parts = path.split("/", 3); // "", action, topic
        String action = parts.length > 1 ? parts[1] : "";
        String topic = parts.length > 2 ? parts[2] : "";
        if (method.equals("GET") && action.equals("info")) {
            HydrogenWebSocketServer current = server;
            return Map.of("url", current.uri().toString(), "port", port, "epoch", current.topics().epoch());
        }
        if (!method.equals("POST")) {
            return null;
        }
        switch (action) {
            case "publish":
                return Map.of("seq", server.topics().state(topic).publish(GSON.fromJson(body, MAP)));
            case "update":
                return Map.of("seq", server.topics().state(topic).update(GSON.fromJson(body, MAP)));
            case "emit":
                return Map.of("seq", server.topics().events(topic).emit(GSON.fromJson(body, MAP)));
            case "stop":
                server.close();
                return Map.of("stopped", true);
            case "start":
                HydrogenWebSocketServer restarted = build(port);
                restarted.start();
                server = restarted;
                return Map.of("epoch", restarted.topics().epoch());
            default:
                return null;
        }
    }

    @Override
    public void close() {
        control.stop(0);
        server.close();
    }
}
