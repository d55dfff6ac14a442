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
     * Returns the section's current value as plain Java, nested freely: {@code null}, a string,
     * number, boolean or enum (by name); {@code NaN} and infinities become {@code null}; an
     * {@code Optional} is unwrapped (empty is {@code null}); {@code java.time} values become
     * ISO 8601 strings; a {@code Map}, {@code Collection} or array; a record, or an object of the
     * host's own class with fields, whose member names follow the server's
     * {@link io.hydrogen.ws.JsonNaming} ({@code snake_case} by default). The same rules apply to
     * handler results, broadcasts and error details; {@code docs/spi.md} ("Values") has them all. A
     * value with no JSON form (another JDK type, a lambda, a cycle) leaves the section out and
     * logs what to return instead.
     *
     * @return the current value
     * @throws Exception to leave the section out of this message
     */
    Object status() throws Exception;
}
