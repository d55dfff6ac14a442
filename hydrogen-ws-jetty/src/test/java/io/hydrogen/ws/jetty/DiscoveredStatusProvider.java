package io.hydrogen.ws.jetty;

import io.hydrogen.ws.spi.StatusProvider;
import java.util.Map;

/** Registered in this module's test META-INF/services, to test discovery. */
public final class DiscoveredStatusProvider implements StatusProvider {

    @Override
    public String section() {
        return "discovered";
    }

    @Override
    public Object status() {
        return Map.of("found", true);
    }
}
