package edgebox.config.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EtcFileTest {

    @Test
    void pathsOfConfigurationFilesParseAndOthersDoNot() {
        assertEquals(new EtcFile(false, "edgebox.health.cfg"), EtcFile.parse("etc/edgebox.health.cfg"));
        assertEquals(new EtcFile(true, "web.yaml"), EtcFile.parse("etc/manifests/web.yaml"));
        assertEquals("etc/manifests/web.yml", new EtcFile(true, "web.yml").path());
        for (String other : new String[] {"etc/web.yaml", "etc/manifests/a.cfg", "etc/../x.cfg", "etc/.hidden.cfg",
            "edgebox.health.cfg", "etc/sub/a.cfg", "etc/manifests/", "data/x.cfg", "etc/a.cfg\0"}) {
            assertNull(EtcFile.parse(other), other);
        }
        assertThrows(IllegalArgumentException.class, () -> new EtcFile(false, "../a.cfg"));
    }
}
