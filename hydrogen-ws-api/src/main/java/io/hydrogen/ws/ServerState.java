package io.hydrogen.ws;

/** The lifecycle of a {@link HydrogenWebSocketServer}. States only move forward. */
public enum ServerState {
    /** Built, not started yet. */
    NEW,
    /** {@link HydrogenWebSocketServer#start()} is binding the port. */
    STARTING,
    /** Accepting connections and pushing status. */
    RUNNING,
    /** {@link HydrogenWebSocketServer#close()} is saying goodbye to the clients. */
    SHUTTING_DOWN,
    /** Closed; the port is free. Also the state after a failed start. */
    STOPPED
}
