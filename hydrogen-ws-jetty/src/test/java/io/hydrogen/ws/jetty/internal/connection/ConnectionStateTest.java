package io.hydrogen.ws.jetty.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.hydrogen.ws.jetty.internal.connection.ConnectionState.Left;
import io.hydrogen.ws.jetty.internal.connection.ConnectionState.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The connection state machine: each transition happens once and says what to uncount. */
class ConnectionStateTest {

    @Test
    void aConnectionAuthenticatesOpensAndCloses() {
        ConnectionState state = new ConnectionState();
        assertThat(state.phase()).isEqualTo(Phase.PENDING);
        assertThat(state.isCounted()).isFalse();
        assertThat(state.authenticate()).isTrue();
        assertThat(state.isCounted()).isTrue();
        assertThat(state.open()).isTrue();
        assertThat(state.phase()).isEqualTo(Phase.OPEN);
        assertThat(state.close()).isEqualTo(Left.COUNTED);
        assertThat(state.isCounted()).isFalse();
        assertThat(state.wasAuthenticated()).isTrue();
        assertThat(state.closed()).isEqualTo(Left.CLOSING);
        assertThat(state.closed()).isEqualTo(Left.NOTHING);
    }

    @Test
    void aPendingConnectionThatClosesWasNeverAuthenticated() {
        ConnectionState state = new ConnectionState();
        assertThat(state.closed()).isEqualTo(Left.PENDING);
        assertThat(state.wasAuthenticated()).isFalse();
        assertThat(state.authenticate()).isFalse();
        assertThat(state.close()).isEqualTo(Left.NOTHING);
    }

    @Test
    void aCloseDuringAuthenticationWinsOverOpening() {
        ConnectionState state = new ConnectionState();
        state.authenticate();
        assertThat(state.close()).isEqualTo(Left.COUNTED);
        assertThat(state.open()).isFalse();
        assertThat(state.phase()).isEqualTo(Phase.CLOSING);
    }

    @Test
    void transitionsOnlyGoForward() {
        ConnectionState state = new ConnectionState();
        assertThat(state.open()).isFalse(); // not authenticated yet
        state.authenticate();
        assertThat(state.authenticate()).isFalse();
        state.open();
        assertThat(state.open()).isFalse();
    }

    /** However closes race (server close, client close, revocation), the count goes down exactly once. */
    @RepeatedTest(20)
    void racingClosesUncountExactlyOnce() throws InterruptedException {
        ConnectionState state = new ConnectionState();
        state.authenticate();
        state.open();
        AtomicInteger uncounted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean byServer = i % 2 == 0;
            threads.add(start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Left left = byServer ? state.close() : state.closed();
                if (left == Left.COUNTED) {
                    uncounted.incrementAndGet();
                }
            }));
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(uncounted).hasValue(1);
        assertThat(state.phase()).isIn(Phase.CLOSING, Phase.CLOSED);
    }

    private static Thread start(Runnable task) {
        Thread thread = new Thread(task);
        thread.start();
        return thread;
    }
}
