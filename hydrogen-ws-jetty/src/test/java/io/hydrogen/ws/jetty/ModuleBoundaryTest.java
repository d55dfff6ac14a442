package io.hydrogen.ws.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The implementation module shows hosts one package: its internals are neither exported nor open,
 * to anyone (Jetty reaches the connection through its {@code FrameHandler} interface, not by
 * reflection).
 */
class ModuleBoundaryTest {

    @Test
    void onlyThePublicPackageIsExportedAndNothingIsOpen() throws Exception {
        // Read from the compiled classes (or jar): the tests themselves may run on the class path.
        Path classes = Path.of(JettyHydrogenServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor = ModuleFinder.of(classes).find("io.hydrogen.ws.jetty").orElseThrow().descriptor();
        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("io.hydrogen.ws.jetty");
        assertThat(descriptor.exports()).allMatch(export -> !export.isQualified());
        assertThat(descriptor.opens()).isEmpty();
        assertThat(descriptor.isOpen()).isFalse();
    }
}
