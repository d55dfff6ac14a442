package io.hydrogen.ws.jetty;

import io.hydrogen.ws.spi.ConnectionInfo;
import io.hydrogen.ws.spi.HydrogenEventListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event as a line of text, for assertions. */
final class RecordingListener implements HydrogenEventListener {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void connectionOpened(ConnectionInfo connection) {
        events.add("opened " + connection.principal());
    }

    @Override
    public void connectionAuthenticated(ConnectionInfo connection) {
        events.add("authenticated " + connection.principal());
    }

    @Override
    public void connectionClosed(ConnectionInfo connection, boolean wasAuthenticated, int code, String reason) {
        events.add("closed " + wasAuthenticated + " " + code);
    }

    @Override
    public void authFailed(String remoteAddress, String reason) {
        events.add("authFailed " + reason);
    }

    @Override
    public void messageReceived(ConnectionInfo connection, String type, long bytes) {
        events.add("received " + type + " " + bytes);
    }

    @Override
    public void messageSent(ConnectionInfo connection, int bytes) {
        events.add("sent");
    }

    @Override
    public void messageDropped(ConnectionInfo connection, String reason) {
        events.add("dropped " + reason);
    }

    @Override
    public void errorSent(ConnectionInfo connection, String code) {
        events.add("error " + code);
    }

    @Override
    public void statusTickBuilt(long seq, Duration buildTime, int recipients) {
        events.add("tick " + recipients);
    }

    boolean has(String event) {
        return events.contains(event);
    }
}
