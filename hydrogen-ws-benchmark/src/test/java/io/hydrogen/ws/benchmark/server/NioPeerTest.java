package io.hydrogen.ws.benchmark.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hydrogen.ws.benchmark.metrics.StatusFields;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plain-JDK peer against the JDK's WebSocket client on loopback: the handshake, its refusals,
 * the greeting and the ticks.
 */
class NioPeerTest {

    private static final String KEY = "peer-key";

    private NioPeer peer;
    private Thread loop;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        peer = new NioPeer(0, 50, KEY);
        loop = new Thread(() -> {
            try {
                peer.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "nio-peer");
        loop.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        peer.close();
        loop.join(5000);
        assertThat(loop.isAlive()).as("the loop stops").isFalse();
    }

    @Test
    void greetsThenPushesEachTickWithTheNextSeq() throws Exception {
        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket ws = connect("Key " + KEY, messages);
        assertThat(ws.getSubprotocol()).isEqualTo("hydrogen-protocol");

        String greeting = messages.poll(5, TimeUnit.SECONDS);
        String first = messages.poll(5, TimeUnit.SECONDS);
        String second = messages.poll(5, TimeUnit.SECONDS);
        assertThat(greeting).startsWith("{\"type\":\"status\",").contains("\"active_connections\":1");
        long seq = seq(first);
        assertThat(seq).isGreaterThanOrEqualTo(seq(greeting));
        assertThat(seq(second)).isEqualTo(seq + 1);
        assertThat(StatusFields.timestamp(utf8(second))).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(5_000L));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    @Test
    void refusesAWrongKeyWith401() {
        assertThatThrownBy(() -> connect("Key wrong", new LinkedBlockingQueue<>()))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(401));
    }

    private WebSocket connect(String authorization, LinkedBlockingQueue<String> messages) {
        return http.newWebSocketBuilder()
                .header("Authorization", authorization)
                .subprotocols("hydrogen-protocol")
                .buildAsync(URI.create("ws://127.0.0.1:" + peer.port() + "/"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            messages.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
    }

    private static long seq(String message) {
        assertThat(message).as("a message arrived").isNotNull();
        return StatusFields.seq(utf8(message));
    }

    private static ByteBuffer utf8(String message) {
        return ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8));
    }
}
