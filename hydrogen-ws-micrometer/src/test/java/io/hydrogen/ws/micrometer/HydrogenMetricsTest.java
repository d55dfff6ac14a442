package io.hydrogen.ws.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hydrogen.ws.ControlLease;
import io.hydrogen.ws.spi.ConnectionInfo;
import io.hydrogen.ws.testkit.TestConnectionInfo;
import io.hydrogen.ws.topics.ResumeOutcome;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each meter, recorded through the listener into a {@link SimpleMeterRegistry}. */
class HydrogenMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HydrogenMetrics metrics = new HydrogenMetrics();
    private final ConnectionInfo pending = TestConnectionInfo.pending(1);
    private final ConnectionInfo client = TestConnectionInfo.authenticated(1, "api-key:0a1b2c3d");

    HydrogenMetricsTest() {
        metrics.bindTo(registry);
    }

    @Test
    void everyUntaggedMeterExistsOnceBound() {
        assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).contains(
                HydrogenMetrics.CONNECTIONS_OPENED, HydrogenMetrics.CONNECTIONS_AUTHENTICATED,
                HydrogenMetrics.CONNECTIONS_ACTIVE, HydrogenMetrics.AUTH_FAILURES,
                HydrogenMetrics.MESSAGES_RECEIVED_BYTES, HydrogenMetrics.MESSAGES_SENT,
                HydrogenMetrics.MESSAGES_SENT_BYTES, HydrogenMetrics.STATUS_TICKS, HydrogenMetrics.STATUS_RECIPIENTS);
        assertThat(count(HydrogenMetrics.CONNECTIONS_OPENED)).isZero();
        assertThat(active()).isZero();
    }

    @Test
    void connectionsOpenedAuthenticatedClosedAndActive() {
        metrics.connectionOpened(pending);
        metrics.connectionAuthenticated(client);
        metrics.connectionOpened(TestConnectionInfo.pending(2));
        assertThat(count(HydrogenMetrics.CONNECTIONS_OPENED)).isEqualTo(2);
        assertThat(count(HydrogenMetrics.CONNECTIONS_AUTHENTICATED)).isEqualTo(1);
        assertThat(active()).isEqualTo(1);

        metrics.connectionClosed(TestConnectionInfo.pending(2), false, 1008, "auth timeout");
        assertThat(active()).as("a pending connection was never active").isEqualTo(1);
        metrics.connectionClosed(client, true, 1000, "bye");
        assertThat(active()).isZero();
        assertThat(metrics.activeConnections()).isZero();
        assertThat(registry.get(HydrogenMetrics.CONNECTIONS_CLOSED).tag("code", "1000").counter().count()).isEqualTo(1);
        assertThat(registry.get(HydrogenMetrics.CONNECTIONS_CLOSED).tag("code", "1008").counter().count()).isEqualTo(1);
    }

    @Test
    void subscriptionsAndResumesByTopic() {
        metrics.subscribed(client, "temperature", ResumeOutcome.NONE, 0);
        metrics.subscribed(client, "notification", ResumeOutcome.RESUMED, 12);
        metrics.subscribed(client, "notification", ResumeOutcome.MISSED, 0);
        assertThat(registry.get(HydrogenMetrics.SUBSCRIPTIONS).tag("topic", "temperature").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(HydrogenMetrics.SUBSCRIPTIONS).tag("topic", "notification").counter().count())
                .isEqualTo(2);
        assertThat(registry.get(HydrogenMetrics.RESUMES).tag("topic", "notification").tag("result", "resumed")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get(HydrogenMetrics.RESUMES).tag("result", "missed").counter().count()).isEqualTo(1);
        assertThat(registry.find(HydrogenMetrics.RESUMES).tag("topic", "temperature").counter()).isNull();
        assertThat(registry.get(HydrogenMetrics.EVENTS_REPLAYED).tag("topic", "notification").counter().count())
                .isEqualTo(12);
    }

    @Test
    void commandsByOutcomeAndTheLeaseHolder() {
        metrics.commandHandled(client, "job.start", "ok");
        metrics.commandHandled(client, "job.start", "ok");
        metrics.commandHandled(client, "job.start", "control_required");
        metrics.commandHandled(client, "printer.home", "failed");
        assertThat(registry.get(HydrogenMetrics.COMMANDS).tag("command", "job.start").tag("outcome", "ok").counter()
                .count()).isEqualTo(2);
        assertThat(registry.get(HydrogenMetrics.COMMANDS).tag("outcome", "control_required").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(HydrogenMetrics.COMMANDS).tag("command", "printer.home").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(HydrogenMetrics.CONTROL_HELD).gauge().value()).isZero();
        metrics.controlChanged(new ControlLease.Holder("api-key:0a1b2c3d", "Tablet", java.time.Instant.now(), true));
        assertThat(registry.get(HydrogenMetrics.CONTROL_HELD).gauge().value()).isEqualTo(1);
        metrics.controlChanged(null);
        assertThat(registry.get(HydrogenMetrics.CONTROL_HELD).gauge().value()).isZero();
    }

    @Test
    void authFailuresHaveNoReasonTag() {
        metrics.authFailed("127.0.0.1:1", "invalid key");
        metrics.authFailed("127.0.0.1:2", "some free text " + System.nanoTime());
        Meter meter = registry.get(HydrogenMetrics.AUTH_FAILURES).meter();
        assertThat(meter.getId().getTags()).isEmpty();
        assertThat(count(HydrogenMetrics.AUTH_FAILURES)).isEqualTo(2);
    }

    @Test
    void messagesReceivedByTypeWithSizes() {
        metrics.messageReceived(client, "ping", 15);
        metrics.messageReceived(client, "ping", 25);
        metrics.messageReceived(client, null, 9);
        assertThat(registry.get(HydrogenMetrics.MESSAGES_RECEIVED).tag("type", "ping").counter().count()).isEqualTo(2);
        assertThat(registry.get(HydrogenMetrics.MESSAGES_RECEIVED).tag("type", "invalid").counter().count())
                .isEqualTo(1);
        DistributionSummary bytes = registry.get(HydrogenMetrics.MESSAGES_RECEIVED_BYTES).summary();
        assertThat(bytes.count()).isEqualTo(3);
        assertThat(bytes.totalAmount()).isEqualTo(49);
        assertThat(bytes.getId().getBaseUnit()).isEqualTo("bytes");
    }

    @Test
    void typeTagValuesAreBounded() {
        HydrogenMetrics bounded = new HydrogenMetrics(Tags.empty(), 3);
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        bounded.bindTo(own);
        for (int i = 0; i < 100; i++) {
            bounded.messageReceived(client, "type_" + i, 1);
        }
        bounded.messageReceived(client, "type_1", 1);
        bounded.messageReceived(client, null, 1);
        assertThat(own.get(HydrogenMetrics.MESSAGES_RECEIVED).counters()).hasSize(5); // 3 kept, other, invalid
        assertThat(own.get(HydrogenMetrics.MESSAGES_RECEIVED).tag("type", "type_1").counter().count()).isEqualTo(2);
        assertThat(own.get(HydrogenMetrics.MESSAGES_RECEIVED).tag("type", "other").counter().count()).isEqualTo(97);
        for (int code = 4000; code < 4100; code++) {
            bounded.connectionClosed(client, false, code, "");
            bounded.errorSent(client, "code_" + code);
        }
        assertThat(own.get(HydrogenMetrics.CONNECTIONS_CLOSED).counters()).hasSize(4);
        assertThat(own.get(HydrogenMetrics.ERRORS_SENT).counters()).hasSize(4);
        assertThatThrownBy(() -> new HydrogenMetrics(Tags.empty(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagesSentWithSizes() {
        metrics.messageSent(client, 100);
        metrics.messageSent(client, 20);
        assertThat(count(HydrogenMetrics.MESSAGES_SENT)).isEqualTo(2);
        DistributionSummary bytes = registry.get(HydrogenMetrics.MESSAGES_SENT_BYTES).summary();
        assertThat(bytes.totalAmount()).isEqualTo(120);
        assertThat(bytes.max()).isEqualTo(100);
        assertThat(bytes.getId().getBaseUnit()).isEqualTo("bytes");
    }

    @Test
    void droppedByReason() {
        metrics.messageDropped(client, "conflated");
        metrics.messageDropped(client, "conflated");
        metrics.messageDropped(client, "overflow");
        assertThat(registry.get(HydrogenMetrics.MESSAGES_DROPPED).tag("reason", "conflated").counter().count())
                .isEqualTo(2);
        assertThat(registry.get(HydrogenMetrics.MESSAGES_DROPPED).tag("reason", "overflow").counter().count())
                .isEqualTo(1);
    }

    @Test
    void errorsSentByCode() {
        metrics.errorSent(client, "invalid_message");
        metrics.errorSent(client, "printer_busy");
        metrics.errorSent(client, "invalid_message");
        assertThat(registry.get(HydrogenMetrics.ERRORS_SENT).tag("code", "invalid_message").counter().count())
                .isEqualTo(2);
        assertThat(registry.get(HydrogenMetrics.ERRORS_SENT).tag("code", "printer_busy").counter().count())
                .isEqualTo(1);
    }

    @Test
    void statusTicksAndRecipients() {
        metrics.statusTickBuilt(1, Duration.ofMillis(4), 3);
        metrics.statusTickBuilt(2, Duration.ofMillis(6), 5);
        Timer ticks = registry.get(HydrogenMetrics.STATUS_TICKS).timer();
        assertThat(ticks.count()).isEqualTo(2);
        assertThat(ticks.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(10);
        DistributionSummary recipients = registry.get(HydrogenMetrics.STATUS_RECIPIENTS).summary();
        assertThat(recipients.count()).isEqualTo(2);
        assertThat(recipients.totalAmount()).isEqualTo(8);
    }

    @Test
    void commonTagsGoOnEveryMeter() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        HydrogenMetrics tagged = new HydrogenMetrics(Tags.of("server", "lab-3"));
        tagged.bindTo(own);
        tagged.connectionClosed(client, false, 1000, "");
        tagged.messageReceived(client, "ping", 1);
        tagged.messageDropped(client, "conflated");
        tagged.errorSent(client, "invalid_message");
        tagged.subscribed(client, "job", ResumeOutcome.NONE, 0);
        tagged.commandHandled(client, "job.start", "ok");
        // 13 meters of round one, the control gauge, and one each for the subscription and the command
        assertThat(own.getMeters()).hasSize(16).allSatisfy(meter ->
                assertThat(meter.getId().getTag("server")).as(meter.getId().toString()).isEqualTo("lab-3"));
    }

    @Test
    void eventsBeforeBindToAreDroppedButActiveIsTracked() {
        HydrogenMetrics late = new HydrogenMetrics();
        late.connectionOpened(pending);
        late.connectionAuthenticated(client);
        late.messageReceived(client, "ping", 10);
        late.messageSent(client, 10);
        late.messageDropped(client, "overflow");
        late.errorSent(client, "invalid_message");
        late.authFailed("127.0.0.1:1", "invalid key");
        late.statusTickBuilt(1, Duration.ofMillis(1), 1);
        late.connectionOpened(TestConnectionInfo.pending(2));
        late.connectionAuthenticated(TestConnectionInfo.authenticated(2, "p"));
        late.connectionClosed(client, true, 1000, "");

        SimpleMeterRegistry own = new SimpleMeterRegistry();
        late.bindTo(own);
        assertThat(own.get(HydrogenMetrics.CONNECTIONS_OPENED).counter().count()).isZero();
        assertThat(own.get(HydrogenMetrics.MESSAGES_SENT).counter().count()).isZero();
        assertThat(own.get(HydrogenMetrics.CONNECTIONS_ACTIVE).gauge().value()).isEqualTo(1);
        late.messageReceived(client, "ping", 10);
        assertThat(own.get(HydrogenMetrics.MESSAGES_RECEIVED).tag("type", "ping").counter().count()).isEqualTo(1);
    }

    @Test
    void bindingTwiceToOneRegistryCountsOnceAndSeveralRegistriesEachCount() {
        metrics.bindTo(registry);
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        metrics.bindTo(second);
        metrics.connectionOpened(pending);
        assertThat(count(HydrogenMetrics.CONNECTIONS_OPENED)).isEqualTo(1);
        assertThat(second.get(HydrogenMetrics.CONNECTIONS_OPENED).counter().count()).isEqualTo(1);
    }

    private double count(String name) {
        return registry.get(name).counter().count();
    }

    private double active() {
        return registry.get(HydrogenMetrics.CONNECTIONS_ACTIVE).gauge().value();
    }
}
