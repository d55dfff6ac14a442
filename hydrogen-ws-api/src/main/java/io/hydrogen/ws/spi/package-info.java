/**
 * What hosts plug in: status providers, authenticators (with scopes), message handlers and
 * commands, event listeners for metrics and audit, and the provider of the implementation that
 * {@link java.util.ServiceLoader} finds.
 */
package io.hydrogen.ws.spi;
