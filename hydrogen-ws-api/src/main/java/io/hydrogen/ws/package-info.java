/**
 * The API hosts code against: {@link io.hydrogen.ws.HydrogenWebSocketServer} and its builder, the
 * {@link io.hydrogen.ws.HydrogenEndpoint} a running endpoint offers (context, topics, control lease,
 * keys, broadcasts), and the configuration groups. Depends on nothing but the JDK.
 */
package io.hydrogen.ws;
