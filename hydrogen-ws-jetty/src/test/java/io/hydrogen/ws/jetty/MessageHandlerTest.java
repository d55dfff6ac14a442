package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.spi.MessageException;
import io.hydrogen.ws.spi.MessageRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Host message handlers: the start of the command interface. */
class MessageHandlerTest {

    record Job(String name, int layers) {
    }

    private final AtomicReference<MessageRequest> lastRequest = new AtomicReference<>();
    private HydrogenWebSocketServer server;
    private TestClient client;

    @BeforeEach
    void start() {
        server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e.messageHandler("job.start", request -> {
                    lastRequest.set(request);
                    return new Job((String) request.payload().get("file"), 120);
                })
                .messageHandler("job.cancel", request -> {
                    throw new MessageException("printer_busy", "The printer is busy", Map.of("retry_after_s", 5));
                })
                .messageHandler("temperature", request -> CompletableFuture.supplyAsync(() -> Map.of("hotend", 210.5)))
                .messageHandler("home", request -> CompletableFuture.failedFuture(
                        new MessageException("endstop_missing", "Endstop X not found")))));
        client = TestClient.connect(server.uri(), KEY);
        client.next("status");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void resultIsCorrelatedById() {
        client.send("{\"type\":\"job.start\",\"id\":\"j1\",\"file\":\"benchy.gcode\",\"copies\":2,\"scale\":1.5,"
                + "\"tags\":[\"a\"],\"opts\":{\"fast\":true}}");
        JsonObject reply = client.nextNonStatus();
        assertThat(reply.toString()).isEqualTo(
                "{\"type\":\"result\",\"id\":\"j1\",\"request\":\"job.start\",\"result\":{\"name\":\"benchy.gcode\",\"layers\":120}}");
        MessageRequest request = lastRequest.get();
        assertThat(request.type()).isEqualTo("job.start");
        assertThat(request.payload()).containsEntry("copies", 2L).containsEntry("scale", 1.5)
                .containsEntry("tags", List.of("a")).containsEntry("opts", Map.of("fast", true));
        assertThat(request.connection().principal()).startsWith("api-key:");
        assertThat(request.connection().isAuthenticated()).isTrue();
    }

    @Test
    void messageExceptionBecomesTheHandlersError() {
        client.send("{\"type\":\"job.cancel\",\"id\":3}");
        JsonObject reply = client.nextNonStatus();
        assertThat(reply.toString()).isEqualTo("{\"type\":\"error\",\"id\":3,\"error\":{\"code\":\"printer_busy\","
                + "\"message\":\"The printer is busy\",\"details\":{\"retry_after_s\":5}}}");
    }

    @Test
    void asynchronousResultsAndErrors() {
        client.send("{\"type\":\"temperature\",\"id\":4}");
        assertThat(client.nextNonStatus().getAsJsonObject("result").get("hotend").getAsDouble()).isEqualTo(210.5);
        client.send("{\"type\":\"home\",\"id\":5}");
        JsonObject error = client.nextNonStatus();
        assertThat(error.get("id").getAsInt()).isEqualTo(5);
        assertThat(error.getAsJsonObject("error").get("code").getAsString()).isEqualTo("endstop_missing");
    }

    @Test
    void builtInTypesCannotBeReplaced() {
        for (String type : List.of("status", "ping", "auth", "result", "error")) {
            assertThatThrownBy(() -> ServerFixture.loopback().endpoint(e -> e.messageHandler(type, request -> null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("built in");
        }
        assertThatThrownBy(() -> ServerFixture.loopback()
                .endpoint(e -> e.messageHandler("a", r -> null).messageHandler("a", r -> null)))
                .hasMessageContaining("already has a handler");
        assertThatThrownBy(() -> new MessageException("Bad Code", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
