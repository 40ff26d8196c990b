package edgebox.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkPropertiesTest {

    @Test
    void homeIsSubstitutedInDefaultsAndInTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("edgebox.properties");
        Files.writeString(file, "felix.cm.dir = ${edgebox.home}/state/config\nextra = ${felix.cm.dir}/x\n");
        Map<String, String> props = new LinkedHashMap<>(FrameworkProperties.defaults(Path.of("/box"), false));
        props.putAll(FrameworkProperties.read(file));
        Map<String, String> out = FrameworkProperties.substitute("etc/edgebox.properties", props, n -> null);
        assertEquals("/box/state/config", out.get("felix.cm.dir"));
        assertEquals("/box/state/config/x", out.get("extra"));
        assertEquals("/box/deploy", out.get("felix.fileinstall.dir"));
        assertEquals("/box/data/cache", out.get("org.osgi.framework.storage"));
        assertEquals("/box/data/tmp", out.get("io.netty.native.workdir"));
        assertEquals("false", out.get("edgebox.console.interactive"));
    }

    @Test
    void systemPropertiesFillWhatTheSetLacks() {
        Map<String, String> out = FrameworkProperties.substitute("f", Map.of("a", "${user.x}/y"),
                n -> n.equals("user.x") ? "/u" : null);
        assertEquals("/u/y", out.get("a"));
    }

    @Test
    void unknownVariableNamesPropertyAndVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameworkProperties.substitute("etc/edgebox.properties", Map.of("a", "${nope}"), n -> null));
        assertEquals("etc/edgebox.properties: property a: unknown variable ${nope}", e.getMessage());
    }

    @Test
    void cycleIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameworkProperties.substitute("f", Map.of("a", "${b}", "b", "${a}"), n -> null));
        assertEquals(true, e.getMessage().contains("a cycle?"), e.getMessage());
    }

    @Test
    void numbersAreCheckedWithTheirName() {
        assertEquals(500L, FrameworkProperties.longValue(Map.of("t", " 500 "), "t"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameworkProperties.longValue(Map.of("edgebox.ready.timeout", "soon"), "edgebox.ready.timeout"));
        assertEquals("framework property edgebox.ready.timeout: 'soon' is not a number", e.getMessage());
    }
}
