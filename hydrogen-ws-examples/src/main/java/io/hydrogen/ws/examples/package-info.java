/**
 * The example runner (a picocli command with a simulated printer) and the compiled samples that
 * the README and {@code docs/} quote verbatim.
 */
package io.hydrogen.ws.examples;
