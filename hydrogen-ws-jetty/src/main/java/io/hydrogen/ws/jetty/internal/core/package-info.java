/**
 * Core server: the endpoint's runtime ({@code EndpointRuntime}, a Jetty handler whose lifecycle
 * wires and releases every component), binding with port fallback, the plain HTTP endpoints and
 * JSON error pages.
 *
 * <p>Classes in the {@code internal} packages are public only where another internal package or
 * Jetty needs them; none of them is API.
 */
package io.hydrogen.ws.jetty.internal.core;
