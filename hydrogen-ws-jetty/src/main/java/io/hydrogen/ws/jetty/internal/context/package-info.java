/**
 * Context: the one place for a server's shared state (lifecycle, start time, exact counters, the
 * status sequence), the event listeners' isolation, and the periodic tasks of the server's
 * scheduler.
 */
package io.hydrogen.ws.jetty.internal.context;
