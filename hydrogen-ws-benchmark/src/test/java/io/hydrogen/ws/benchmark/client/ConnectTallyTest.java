package io.hydrogen.ws.benchmark.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.junit.jupiter.api.Test;

class ConnectTallyTest {

    @Test
    void classifiesFailuresByHttpStatusTimeoutAndRefusal() {
        URI uri = URI.create("ws://127.0.0.1:1/");
        assertThat(ConnectTally.reason(new CompletionException(new UpgradeException(uri, 401, "no"))))
                .isEqualTo("http_401");
        assertThat(ConnectTally.reason(new HandshakeStatusException(503, "HTTP/1.1 503"))).isEqualTo("http_503");
        assertThat(ConnectTally.reason(new CompletionException(new TimeoutException()))).isEqualTo("timeout");
        assertThat(ConnectTally.reason(new UpgradeException(uri, new ConnectException("refused"))))
                .isEqualTo("refused");
        assertThat(ConnectTally.reason(new IllegalStateException("x"))).isEqualTo("IllegalStateException");
    }

    @Test
    void countsOutcomes() {
        ConnectTally tally = new ConnectTally();
        long start = System.nanoTime();
        tally.started(start);
        tally.succeeded(start);
        tally.failed(new TimeoutException());
        tally.endBatch();
        assertThat(tally.made()).isEqualTo(1);
        assertThat(tally.handshakesPerSecond()).isPositive();
        assertThat(tally.failed()).isEqualTo(1);
        assertThat(tally.failuresByReason()).containsEntry("timeout", 1L);
        assertThat(tally.handshakeMicros().getTotalCount()).isEqualTo(1);
    }
}
