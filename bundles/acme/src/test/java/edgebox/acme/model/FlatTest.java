package edgebox.acme.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FlatTest {

    @Test
    void roundTripKeepsEmptyMapsListsAndDottedKeys() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("spec", Map.of("solvers", List.of(Map.of("dns01", Map.of("edgebox", Map.of())),
                Map.of("selector", Map.of("dnsNames", List.of("a", "b"))))));
        o.put("metadata", Map.of("labels", Map.of("app.kubernetes.io/name", "x", "10", "ten")));
        Map<String, Object> flat = Flat.flatten(o);
        assertEquals("{}", flat.get("spec.solvers.0.dns01.edgebox"));
        assertEquals("b", flat.get("spec.solvers.1.selector.dnsNames.1"));
        assertEquals("x", flat.get("metadata.labels[app.kubernetes.io/name]"));
        assertEquals("ten", flat.get("metadata.labels[10]"));
        assertEquals(o, Flat.unflatten(flat));
    }

    @Test
    void tenItemsStayInOrder() {
        List<Object> names = List.of("n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10");
        Map<String, Object> o = Map.of("spec", Map.of("dnsNames", names));
        assertEquals(o, Flat.unflatten(Flat.flatten(o)));
    }

    @Test
    void conflictingKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Flat.unflatten(Map.of("a.b", "1", "a.b.c", "2")));
        assertThrows(IllegalArgumentException.class, () -> Flat.unflatten(Map.of("a[b", "1")));
    }
}
