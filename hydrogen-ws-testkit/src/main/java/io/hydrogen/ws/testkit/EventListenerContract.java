package io.hydrogen.ws.testkit;

import io.hydrogen.ws.ControlLease;
import io.hydrogen.ws.spi.ConnectionInfo;
import io.hydrogen.ws.spi.HydrogenEventListener;
import io.hydrogen.ws.topics.ResumeOutcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit for a {@link HydrogenEventListener}: extend it in your tests and return the
 * listener under test.
 *
 * <pre>{@code
 * class AuditListenerContractTest extends EventListenerContract {
 *     @Override
 *     protected HydrogenEventListener listener() {
 *         return new AuditListener(new InMemoryAuditLog());
 *     }
 * }
 * }</pre>
 *
 * <p>It calls every callback with typical arguments (the events of one connection's life), with
 * the edge arguments the server does send (a {@code null} type for an invalid message, an empty
 * close reason, close code 1006, zero sizes and durations, a connection whose principal is
 * {@code null}, many distinct message types) and from several threads at once, and checks that
 * nothing throws. (The server isolates a listener that throws, but loses its event.) It does not
 * check what the listener does with the events: test that separately.
 *
 * <p>{@link #listener()} is called once per check. To leave a check out, override its method
 * without {@code @Test} and say why in a comment.
 */
public abstract class EventListenerContract {

    /** @return the listener under test */
    protected abstract HydrogenEventListener listener();

    /** @return how many threads send events at once; default 4 */
    protected int threads() {
        return 4;
    }

    /** @return how many connection lives each thread plays; default 200 */
    protected int connectionsPerThread() {
        return 200;
    }

    /** @return how long the concurrency check may take; default 30 s */
    protected Duration timeout() {
        return Duration.ofSeconds(30);
    }

    /** The events of one connection, from upgrade to a normal close. */
    @Test
    public void typicalLifeOfAConnection() {
        HydrogenEventListener listener = listener();
        playConnection(listener, 1);
        listener.statusTickBuilt(1, Duration.ofMillis(3), 1);
    }

    /** Edge arguments: null type, empty reasons, 1006, zero and large sizes and durations. */
    @Test
    public void edgeArguments() {
        HydrogenEventListener listener = listener();
        ConnectionInfo pending = TestConnectionInfo.pending(10);
        listener.connectionOpened(pending);
        listener.messageReceived(pending, null, 0);
        listener.authFailed(pending.remoteAddress(), "");
        listener.authFailed("[::1]:50000", "invalid key");
        listener.connectionClosed(pending, false, 1008, "");
        listener.connectionClosed(TestConnectionInfo.pending(11), false, 1006, "");

        ConnectionInfo client = TestConnectionInfo.authenticated(12, "api-key:0a1b2c3d");
        listener.connectionOpened(client);
        listener.connectionAuthenticated(client);
        listener.messageReceived(client, null, 0);
        listener.messageReceived(client, null, Long.MAX_VALUE);
        listener.messageReceived(client, "ping", 1);
        listener.messageSent(client, 0);
        listener.messageSent(client, Integer.MAX_VALUE);
        listener.messageDropped(client, "conflated");
        listener.messageDropped(client, "overflow");
        listener.errorSent(client, "invalid_message");
        listener.errorSent(client, "server_error");
        listener.statusTickBuilt(0, Duration.ZERO, 0);
        listener.statusTickBuilt(Long.MAX_VALUE, Duration.ofSeconds(30), 10_000);
        listener.subscribed(client, "temperature", ResumeOutcome.NONE, 0);
        listener.subscribed(client, "notification", ResumeOutcome.RESUMED, Long.MAX_VALUE);
        listener.subscribed(client, "notification", ResumeOutcome.MISSED, 0);
        listener.unsubscribed(client, "status");
        listener.commandHandled(client, "job.start", "ok");
        listener.commandHandled(client, "job.start", "control_required");
        listener.commandHandled(client, "printer.home", "failed");
        listener.controlChanged(new ControlLease.Holder("api-key:0a1b2c3d", null, Instant.EPOCH, false));
        listener.controlChanged(null);
        listener.connectionClosed(client, true, 1006, "");
        listener.connectionClosed(TestConnectionInfo.authenticated(13, "p"), true, 1009, "message too big");
        listener.connectionClosed(TestConnectionInfo.authenticated(14, "p"), true, 4000, "");
    }

    /** Many distinct message types and error codes, as hosts with many handlers produce. */
    @Test
    public void manyDistinctTypesAndCodes() {
        HydrogenEventListener listener = listener();
        ConnectionInfo client = TestConnectionInfo.authenticated(20, "api-key:0a1b2c3d");
        listener.connectionOpened(client);
        listener.connectionAuthenticated(client);
        for (int i = 0; i < 1000; i++) {
            listener.messageReceived(client, "type_" + i, i);
            listener.errorSent(client, "code_" + i);
            listener.subscribed(client, "topic_" + i, ResumeOutcome.NONE, 0);
            listener.commandHandled(client, "command_" + i, "outcome_" + i);
        }
        listener.connectionClosed(client, true, 1000, "bye");
    }

    /** Several threads send the events of their own connections at once. */
    @Test
    public void concurrentCallsDoNotThrow() {
        HydrogenEventListener listener = listener();
        int perThread = connectionsPerThread();
        Concurrently.run("events sent concurrently", threads(), perThread, timeout(), (thread, i) -> {
            long id = 1000L + (long) thread * perThread + i;
            playConnection(listener, id);
            if (i % 10 == 0) {
                listener.statusTickBuilt(id, Duration.ofNanos(id), thread);
                listener.authFailed("127.0.0.1:" + (40000 + thread), "invalid key");
            }
        });
    }

    private static void playConnection(HydrogenEventListener listener, long id) {
        ConnectionInfo pending = TestConnectionInfo.pending(id);
        listener.connectionOpened(pending);
        ConnectionInfo client = TestConnectionInfo.authenticated(id, "api-key:0a1b2c3d");
        listener.connectionAuthenticated(client);
        listener.messageSent(client, 512);
        listener.messageReceived(client, "ping", 15);
        listener.messageSent(client, 15);
        listener.messageReceived(client, null, 9);
        listener.errorSent(client, "invalid_message");
        listener.messageSent(client, 120);
        listener.messageDropped(client, "conflated");
        listener.connectionClosed(client, true, 1000, "bye");
    }
}
