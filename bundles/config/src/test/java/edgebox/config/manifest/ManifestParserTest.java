package edgebox.config.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ManifestKind;
import edgebox.api.config.ManifestObject;

class ManifestParserTest {

    private static final String SRC = "etc/manifests/web.yaml";

    @Test
    void multiDocumentWithDefaultNamespace() {
        ManifestParser.Parsed p = ManifestParser.parse(SRC, """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: shop
                  namespace: web
                spec:
                  hostnames: [shop.example]
                  created: 2024-01-01
                ---
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: backend}
                status:
                """);
        assertEquals(List.of(), p.problems());
        assertEquals(2, p.objects().size());
        ManifestObject route = p.objects().get(0);
        assertEquals(new ManifestKind("gateway.networking.k8s.io/v1", "HTTPRoute"), route.kind());
        assertEquals("HTTPRoute web/shop", route.displayName());
        assertEquals(SRC, route.source());
        Map<?, ?> spec = (Map<?, ?>) route.content().get("spec");
        assertEquals(List.of("shop.example"), spec.get("hostnames"));
        assertEquals("2024-01-01", spec.get("created"));
        assertEquals("default", p.objects().get(1).namespace());
        assertTrue(!p.objects().get(1).content().containsKey("status"));
    }

    @Test
    void badYamlNamesTheDocumentAndLine() {
        ManifestParser.Parsed p = ManifestParser.parse(SRC, """
                apiVersion: v1
                kind: Service
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: [unclosed
                """);
        assertTrue(p.objects().isEmpty());
        String text = p.problems().get(0).toString();
        assertTrue(text.startsWith(SRC + ": document 2: not valid YAML: line "), text);
    }

    @Test
    void missingFieldsAreNamed() {
        ManifestParser.Parsed p = ManifestParser.parse(SRC, """
                apiVersion: v1
                kind: Service
                metadata:
                  namespace: web
                ---
                kind: Service
                metadata: {name: b}
                ---
                - a list
                """);
        assertTrue(p.objects().isEmpty());
        assertEquals(List.of(
                SRC + ": Service web/?: metadata.name: missing or empty",
                SRC + ": Service default/b: apiVersion: missing or empty",
                SRC + ": document 3: must be a mapping with apiVersion, kind and metadata"),
                p.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void duplicateKeysAndAliasBombsAreRefused() {
        assertEquals(1, ManifestParser.parse(SRC, "apiVersion: v1\napiVersion: v2\nkind: A\nmetadata: {name: a}\n")
                .problems().size());
        StringBuilder bomb = new StringBuilder("a: &a [x, x]\n");
        for (int i = 0; i < 60; i++) {
            bomb.append("b").append(i).append(": [*a, *a]\n");
        }
        assertEquals(1, ManifestParser.parse(SRC, bomb.toString()).problems().size());
    }

    @Test
    void arbitraryTypesAreNotConstructed() {
        ManifestParser.Parsed p = ManifestParser.parse(SRC,
                "apiVersion: v1\nkind: A\nmetadata: {name: a}\nx: !!java.io.File [\"/\"]\n");
        assertTrue(p.objects().isEmpty());
        assertEquals(1, p.problems().size());
    }
}
