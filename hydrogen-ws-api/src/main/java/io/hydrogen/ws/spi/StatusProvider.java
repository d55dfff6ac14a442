package io.hydrogen.ws.spi;

/**
 * Contributes one named section of the host's own data to every status message, for example
 * {@code "printer": {"state":"printing","progress":0.42}}.
 *
 * <p>Register providers with {@link io.hydrogen.ws.EndpointConfig.Builder#statusProvider},
 * or list them in {@code META-INF/services/io.hydrogen.ws.spi.StatusProvider} (or a
 * {@code provides} clause of {@code module-info}) to have them discovered at start; discovered
 * providers need a public no-argument constructor.
 *
 * <p>{@link #status()} is called once per status tick on a thread of the library's, never on a
 * network thread, and never twice at once for one provider. If it throws, or does not return
 * within the status provider budget, its section is left out of that message, the failure is
 * logged once per streak, and every client still gets its status on time. Sections appear in the
 * order of their names.
 */
public interface StatusProvider {

    /**
     * Returns the name of the section: the top-level field of the status message. Called once, at
     * start. It must match {@code [a-z][a-z0-9_]{0,63}} and must not be a documented field; see
     * {@link Names#requireStatusSection(String)}.
     *
     * @return the section name
     */
    String section();

    /**
     * Returns the section's current value as plain Java: {@code null}, a string, number or
     * boolean, a {@code Map} with string keys, a {@code List} or array, a record, or an object
     * with fields, nested freely. The implementation serialises it to JSON.
     *
     * @return the current value
     * @throws Exception to leave the section out of this message
     */
    Object status() throws Exception;
}
