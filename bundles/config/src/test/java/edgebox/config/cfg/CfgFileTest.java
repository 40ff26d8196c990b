package edgebox.config.cfg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import edgebox.api.config.FlatProperties;
import edgebox.config.model.ConfigKey;

class CfgFileTest {

    @Test
    void singletonAndFactoryNames() {
        assertEquals(ConfigKey.pid("edgebox.health"), CfgFile.keyOf("edgebox.health.cfg"));
        ConfigKey f = CfgFile.keyOf("edgebox.proxy.listener~public.cfg");
        assertEquals(ConfigKey.factory("edgebox.proxy.listener", "public"), f);
        assertTrue(f.isFactory());
        assertEquals("edgebox.proxy.listener", f.schemaPid());
        assertEquals("edgebox.proxy.listener~public.cfg", CfgFile.fileName(f));
    }

    @Test
    void namesThatAreNoConfiguration() {
        assertNull(CfgFile.keyOf("edgebox.health.cfg.tmp"));
        assertNull(CfgFile.keyOf(".edgebox.health.cfg.tmp"));
        assertNull(CfgFile.keyOf("~name.cfg"));
        assertNull(CfgFile.keyOf("factory~.cfg"));
        assertNull(CfgFile.keyOf(".cfg"));
        assertNull(CfgFile.keyOf("notes.txt"));
    }

    @Test
    void parsesJavaProperties() {
        Map<String, String> v = CfgFile.parse("# comment\nport = 9090\naddress:127.0.0.1\nlist = a,\\\n  b\n");
        assertEquals(Map.of("port", "9090", "address", "127.0.0.1", "list", "a,b"), v);
    }

    @Test
    void renderReadsBackTheSame() {
        Map<String, String> v = Map.of("a key", "x=y:z", "hosts", "a\\,b,c", "motd", " lead\nnext #!", "uni", "é€");
        assertEquals(v, CfgFile.parse(CfgFile.render("header", v)));
    }

    @Test
    void updateReplacesLinesInPlaceKeepsCommentsAndAppendsNewKeys() {
        String text = "# health endpoint\naddress = 127.0.0.1\n\n# the port\nport = 9090\nnames = a, \\\n  b\n";
        String updated = CfgFile.update(text, Map.of("port", "9091", "names", "c", "extra", "x y"));
        assertEquals("# health endpoint\naddress = 127.0.0.1\n\n# the port\nport = 9091\nnames = c\nextra = x y\n",
                updated);
        assertEquals(Map.of("address", "127.0.0.1", "port", "9091", "names", "c", "extra", "x y"),
                CfgFile.parse(updated));
    }

    @Test
    void emptyMapsAndListsOfAFlattenedObjectSurviveAFile() {
        Map<String, Object> object = Map.of("spec", Map.of("selector", Map.of("matchLabels", Map.of()),
                "ports", List.of(), "note", "{}"));
        Map<String, String> values = new TreeMap<>();
        FlatProperties.flatten(object).forEach((k, v) -> values.put(k, String.valueOf(v)));
        String file = CfgFile.render(null, values);
        assertEquals("spec.note = \\\\{}\nspec.ports = []\nspec.selector.matchLabels = {}\n", file);
        assertEquals(object, FlatProperties.unflatten(CfgFile.parse(file)));
    }
}
