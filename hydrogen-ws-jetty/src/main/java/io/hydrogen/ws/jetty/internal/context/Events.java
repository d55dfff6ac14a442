package io.hydrogen.ws.jetty.internal.context;

import io.hydrogen.ws.ControlLease;
import io.hydrogen.ws.spi.ConnectionInfo;
import io.hydrogen.ws.spi.HydrogenEventListener;
import io.hydrogen.ws.topics.ResumeOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each event to every registered listener, isolating them: a listener that throws is
 * logged (with its stack trace the first time for each event, briefly afterwards) and the others
 * and the server carry on. With no listeners every call returns at once.
 */
public final class Events implements HydrogenEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final HydrogenEventListener[] listeners;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public Events(List<HydrogenEventListener> listeners) {
        this.listeners = listeners.toArray(new HydrogenEventListener[0]);
    }

    /** @return whether any listener is registered (if not, every event returns at once) */
    public boolean hasListeners() {
        return listeners.length > 0;
    }

    @Override
    public void connectionOpened(ConnectionInfo connection) {
        each("connectionOpened", l -> l.connectionOpened(connection));
    }

    @Override
    public void connectionAuthenticated(ConnectionInfo connection) {
        each("connectionAuthenticated", l -> l.connectionAuthenticated(connection));
    }

    @Override
    public void connectionClosed(ConnectionInfo connection, boolean wasAuthenticated, int code, String reason) {
        each("connectionClosed", l -> l.connectionClosed(connection, wasAuthenticated, code, reason));
    }

    @Override
    public void authFailed(String remoteAddress, String reason) {
        each("authFailed", l -> l.authFailed(remoteAddress, reason));
    }

    @Override
    public void messageReceived(ConnectionInfo connection, String type, long bytes) {
        each("messageReceived", l -> l.messageReceived(connection, type, bytes));
    }

    @Override
    public void messageSent(ConnectionInfo connection, int bytes) {
        each("messageSent", l -> l.messageSent(connection, bytes)); // the queue calls it only if hasListeners()
    }

    @Override
    public void messageDropped(ConnectionInfo connection, String reason) {
        each("messageDropped", l -> l.messageDropped(connection, reason));
    }

    @Override
    public void errorSent(ConnectionInfo connection, String code) {
        each("errorSent", l -> l.errorSent(connection, code));
    }

    @Override
    public void statusTickBuilt(long seq, Duration buildTime, int recipients) {
        each("statusTickBuilt", l -> l.statusTickBuilt(seq, buildTime, recipients));
    }

    @Override
    public void subscribed(ConnectionInfo connection, String topic, ResumeOutcome resume, long replayed) {
        each("subscribed", l -> l.subscribed(connection, topic, resume, replayed));
    }

    @Override
    public void unsubscribed(ConnectionInfo connection, String topic) {
        each("unsubscribed", l -> l.unsubscribed(connection, topic));
    }

    @Override
    public void commandHandled(ConnectionInfo connection, String command, String outcome) {
        each("commandHandled", l -> l.commandHandled(connection, command, outcome));
    }

    @Override
    public void controlChanged(ControlLease.Holder holder) {
        each("controlChanged", l -> l.controlChanged(holder));
    }

    private void each(String event, Consumer<HydrogenEventListener> call) {
        for (HydrogenEventListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                String name = listener.getClass().getName();
                if (reported.add(name + "#" + event)) {
                    LOG.warn("Event listener {} failed in {}; it stays registered", name, event, e);
                } else {
                    LOG.debug("Event listener {} failed in {} again: {}", name, event, e.toString());
                }
            }
        }
    }
}
