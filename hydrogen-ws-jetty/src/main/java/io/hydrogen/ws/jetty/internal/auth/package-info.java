/**
 * Authentication: the one admission path ({@code Admission}) that the handshake, the in-band
 * {@code auth} message and the HTTP endpoints share; the authenticator chain; API keys with scopes,
 * kept only as HMACs; throttling of failures; client addresses behind trusted proxies.
 */
package io.hydrogen.ws.jetty.internal.auth;
