/**
 * Messages: parsing and validating inbound JSON, assembling fragments within the size limit, the
 * one JSON layer for everything that leaves the server ({@code JsonValues} for host values,
 * {@code OutboundJson} for the protocol's messages), and the error envelope.
 */
package io.hydrogen.ws.jetty.internal.message;
