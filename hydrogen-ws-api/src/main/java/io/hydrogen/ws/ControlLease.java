package io.hydrogen.ws;

import java.time.Instant;
import java.util.Optional;

/**
 * The endpoint's control lease: at most one connection at a time may run the host's commands
 * (handlers registered with {@link EndpointConfig.Builder#command}). Clients take and give it back
 * with {@code control.acquire} and {@code control.release}; the state topic {@code control} shows
 * who holds it. Host code reads it, and revokes it (for a physical button on the printer, say),
 * here. Thread-safe.
 */
public interface ControlLease {

    /**
     * Who holds the lease.
     *
     * @param principal the holder's principal (never a key)
     * @param client the name the client gave when it acquired the lease, or {@code null}
     * @param since when it acquired the lease
     * @param connected {@code false} while the holder is disconnected and within the grace period,
     *     during which only the same principal may take the lease back
     */
    record Holder(String principal, String client, Instant since, boolean connected) {
    }

    /** @return the holder, or empty if nobody holds the lease */
    Optional<Holder> holder();

    /**
     * Takes the lease away from whoever holds it (the holder learns it from the {@code control}
     * topic).
     *
     * @return whether somebody held it
     */
    boolean revoke();
}
