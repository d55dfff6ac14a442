/**
 * Compatibility kits for the SPIs: abstract JUnit tests that every status provider,
 * authenticator, message handler and event listener implementation extends, with the fakes they
 * use (test connections, handshakes and requests).
 */
package io.hydrogen.ws.testkit;
