package edgebox.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FlatPropertiesTest {

    private static Map<String, Object> object() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", "web");
        meta.put("namespace", "shop");
        meta.put("annotations", Map.of("external-dns.alpha.kubernetes.io/hostname", "a.example.com"));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", "v1");
        o.put("metadata", meta);
        o.put("data", Map.of("tls.crt", "QUJD", "0", "digits"));
        o.put("spec", Map.of("ports", List.of(Map.of("port", 80, "name", "http"), Map.of("port", 443)),
                "flag", true, "ratio", 0.5, "empty", List.of()));
        return o;
    }

    @Test
    void flattensWithIndexesBracketsAndTypes() {
        Map<String, Object> flat = FlatProperties.flatten(object());
        assertEquals("a.example.com", flat.get("metadata.annotations[external-dns.alpha.kubernetes.io/hostname]"));
        assertEquals("QUJD", flat.get("data[tls.crt]"));
        assertEquals("digits", flat.get("data[0]"));
        assertEquals(80L, flat.get("spec.ports.0.port"));
        assertEquals(443L, flat.get("spec.ports.1.port"));
        assertEquals(true, flat.get("spec.flag"));
        assertEquals(0.5, flat.get("spec.ratio"));
        assertEquals("[]", flat.get("spec.empty"));
    }

    @Test
    void roundTrips() {
        Map<String, Object> o = object();
        Map<String, Object> back = FlatProperties.unflatten(FlatProperties.flatten(o));
        assertEquals(FlatProperties.flatten(o), FlatProperties.flatten(back));
        assertEquals(List.of(Map.of("name", "http", "port", 80L), Map.of("port", 443L)),
                ((Map<?, ?>) back.get("spec")).get("ports"));
    }

    @Test
    void listsFollowIndexesNotSortOrder() {
        Map<String, Object> flat = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            flat.put("items." + i, "v" + i);
        }
        assertEquals("v10", ((List<?>) FlatProperties.unflatten(flat).get("items")).get(10));
    }

    @Test
    void refusesContradictions() {
        assertThrows(IllegalArgumentException.class, () -> FlatProperties.unflatten(Map.of("a", "1", "a.b", "2")));
        assertThrows(IllegalArgumentException.class, () -> FlatProperties.unflatten(Map.of("a.0", "1", "a.2", "2")));
        assertThrows(IllegalArgumentException.class, () -> FlatProperties.unflatten(Map.of("a.0", "1", "a.b", "2")));
        assertThrows(IllegalArgumentException.class, () -> FlatProperties.unflatten(Map.of("a..b", "1")));
        assertThrows(IllegalArgumentException.class, () -> FlatProperties.unflatten(Map.of("a[b", "1")));
    }

    @Test
    void arraysBecomeLists() {
        assertEquals(List.of("x", "y"), FlatProperties.unflatten(Map.of("a", new String[] {"x", "y"})).get("a"));
    }

    @Test
    void emptyMapsAndListsRoundTrip() {
        Map<String, Object> selector = new LinkedHashMap<>();
        selector.put("matchLabels", Map.of());
        selector.put("matchExpressions", List.of());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", selector);
        spec.put("solvers", List.of(Map.of("dns01", Map.of("edgebox", Map.of())), List.of(), Map.of()));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("kind", "CiliumL2AnnouncementPolicy");
        o.put("spec", spec);
        Map<String, Object> flat = FlatProperties.flatten(o);
        assertEquals(Map.of("kind", "CiliumL2AnnouncementPolicy", "spec.selector.matchLabels", "{}",
                "spec.selector.matchExpressions", "[]", "spec.solvers.0.dns01.edgebox", "{}",
                "spec.solvers.1", "[]", "spec.solvers.2", "{}"), flat);
        assertEquals(o, FlatProperties.unflatten(flat));
    }

    @Test
    void stringsThatLookLikeTheEmptyMarkersStayStrings() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("data", Map.of("empty.json", "{}", "list.json", "[]", "escaped", "\\{}", "other", "\\x{}"));
        Map<String, Object> flat = FlatProperties.flatten(o);
        assertEquals("\\{}", flat.get("data[empty.json]"));
        assertEquals("\\[]", flat.get("data[list.json]"));
        assertEquals("\\\\{}", flat.get("data.escaped"));
        assertEquals("\\x{}", flat.get("data.other"));
        assertEquals(o, FlatProperties.unflatten(flat));
    }

    @Test
    void handWrittenEmptyMarkersAndEmptyArrays() {
        Map<String, Object> o = FlatProperties.unflatten(Map.of("spec.selector.matchLabels", "{}",
                "spec.ports", new String[0], "spec.hosts", "[]", "metadata.annotations[note]", "\\[]"));
        assertEquals(Map.of("selector", Map.of("matchLabels", Map.of()), "ports", List.of(), "hosts", List.of()),
                o.get("spec"));
        assertEquals(Map.of("annotations", Map.of("note", "[]")), o.get("metadata"));
        assertEquals(Map.of(), FlatProperties.flatten(Map.of()));
    }

    @Test
    void anEmptyMarkerWithEntriesBelowItIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlatProperties.unflatten(Map.of("a.b", "{}", "a.b.c", "1")));
        assertEquals("a.b.c: a.b is both empty and not", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FlatProperties.unflatten(Map.of("a", "[]", "a.0", "x")));
    }

    @Test
    void ownDropsWhatConfigAdminScrFelixAndEdgeboxAdd() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("service.pid", "edgebox.proxy.gateway~shop.web");
        props.put("service.factoryPid", "edgebox.proxy.gateway");
        props.put("component.name", "edgebox.proxy.GatewayComponent");
        props.put("component.id", 12L);
        props.put("felix.fileinstall.filename", "file:/etc/x.cfg");
        props.put("edgebox.source", "etc/manifests/shop.yaml");
        props.put("kind", "Gateway");
        props.put("metadata.name", "web");
        props.put("spec.listeners.0.port", 443L);
        props.put("servicename", "kept: no dot after service");
        assertEquals(List.of("kind", "metadata.name", "spec.listeners.0.port", "servicename"),
                List.copyOf(FlatProperties.own(props).keySet()));
        assertEquals(443L, FlatProperties.own(props).get("spec.listeners.0.port"));
    }
}
