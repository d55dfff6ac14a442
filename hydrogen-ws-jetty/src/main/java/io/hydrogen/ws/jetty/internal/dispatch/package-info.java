/**
 * Dispatch: routing a validated message by {@code type} to a built-in route or a host handler,
 * with the scope and control-lease checks before it and the audit of commands after it; the
 * control lease itself.
 */
package io.hydrogen.ws.jetty.internal.dispatch;
