package edgebox.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(flat.keySet().stream().noneMatch(k -> k.contains("empty")));
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
