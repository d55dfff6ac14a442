package io.hydrogen.ws;

/**
 * How the names of record components and fields become JSON member names when the server sends a
 * host's value (status sections, handler results, broadcasts, error details). Map keys, enum
 * constants and the protocol's own fields are never renamed. Set it with
 * {@link EndpointConfig.Builder#jsonNaming(JsonNaming)}.
 */
public enum JsonNaming {

    /**
     * Lower case with underscores, the protocol's own convention (the default):
     * {@code nozzleTempC} becomes {@code nozzle_temp_c}, {@code rpmURLValue} becomes
     * {@code rpm_url_value}, {@code sensor2Temp} becomes {@code sensor2_temp}, and a name that is
     * already {@code snake_case} stays as it is.
     */
    SNAKE_CASE,

    /** The Java names, unchanged: {@code nozzleTempC} stays {@code nozzleTempC}. */
    AS_DECLARED
}
