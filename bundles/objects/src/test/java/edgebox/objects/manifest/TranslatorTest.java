package edgebox.objects.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigurationSpec;
import edgebox.api.config.ManifestKind;
import edgebox.api.config.ManifestObject;
import edgebox.api.config.ManifestTranslation;
import edgebox.api.objects.Route;
import edgebox.api.objects.Secret;
import edgebox.objects.testing.TestCertificates;

/** Manifest translation and validation: every refusal names the object, the field and the reason. */
class TranslatorTest {

    private static final String ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: shop, namespace: web}
            spec:
              parentRefs: [{name: gw}]
              rules:
              - matches:
                - path: {type: PathPrefix, value: /a}
                - %s
                filters: [%s]
                backendRefs: [%s]
            """;

    @SuppressWarnings("unchecked")
    private static ManifestObject object(String yaml) {
        Map<String, Object> content = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Map<String, Object> meta = (Map<String, Object>) content.get("metadata");
        return new ManifestObject(new ManifestKind((String) content.get("apiVersion"), (String) content.get("kind")),
                String.valueOf(meta.getOrDefault("namespace", "default")), (String) meta.get("name"), content,
                "etc/manifests/web.yaml");
    }

    private static ManifestTranslation route(String match, String filter, String backend) {
        return new ObjectManifests().translate(object(ROUTE.formatted(match, filter == null ? "" : filter, backend)));
    }

    @Test
    void translatesToOneFlatFactoryConfiguration() {
        ManifestTranslation t = route("{path: {type: Exact, value: /b}}", "", "{name: svc, port: 80}");
        assertFalse(t.refused(), t.problems().toString());
        ConfigurationSpec spec = t.configurations().get(0);
        assertEquals(Kinds.PIDS.get("HTTPRoute"), spec.factoryPid());
        assertEquals("web.shop", spec.name());
        assertEquals(80L, spec.properties().get("spec.rules.0.backendRefs.0.port"));
        assertEquals("/b", spec.properties().get("spec.rules.0.matches.1.path.value"));
        assertEquals(List.of(), new ObjectManifests().validate(Kinds.PIDS.get("HTTPRoute"), spec.properties()));
        assertFalse(new ObjectManifests().validate(Kinds.PIDS.get("Gateway"), spec.properties()).isEmpty(), "wrong PID");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{path: {type: Exact, value: b}}||{name: s, port: 80}|spec.rules[0].matches[1].path.value|must start with",
        "{path: {type: PathPrefix, value: /a//b}}||{name: s, port: 80}|spec.rules[0].matches[1].path.value|//",
        "{path: {type: Regex, value: /b}}||{name: s, port: 80}|spec.rules[0].matches[1].path.type|must be one of",
        "{path: {type: RegularExpression, value: '/(b'}}||{name: s, port: 80}|spec.rules[0].matches[1].path.value|regular expression",
        "{headers: [{name: 'bad name', value: x}]}||{name: s, port: 80}|spec.rules[0].matches[1].headers[0].name|header name",
        "{headers: [{name: a, value: x}, {name: A, value: y}]}||{name: s, port: 80}|spec.rules[0].matches[1].headers[1].name|twice",
        "{queryParams: [{name: a, type: RegularExpression, value: '['}]}||{name: s, port: 80}|spec.rules[0].matches[1].queryParams[0].value|regular expression",
        "{method: FETCH}||{name: s, port: 80}|spec.rules[0].matches[1].method|must be one of",
        "{}||{name: s, port: 70000}|spec.rules[0].backendRefs[0].port|must be 1-65535",
        "{}||{name: s}|spec.rules[0].backendRefs[0].port|is required",
        "{}||{name: s, port: 80, weight: -1}|spec.rules[0].backendRefs[0].weight|must be 0-1000000",
        "{}|{type: RequestRedirect, requestRedirect: {statusCode: 404}}|{name: s, port: 80}|spec.rules[0].filters[0].requestRedirect.statusCode|301, 302, 303, 307, 308",
        "{}|{type: RequestRedirect, requestRedirect: {scheme: ftp}}|{name: s, port: 80}|spec.rules[0].filters[0].requestRedirect.scheme|http, https",
        "{}|{type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /x}}}|{name: s, port: 80}|spec.rules[0].filters[0].requestRedirect.path.type|exactly one match",
        "{}|{type: URLRewrite, urlRewrite: {path: {type: ReplaceFullPath}}}|{name: s, port: 80}|spec.rules[0].filters[0].urlRewrite.path.replaceFullPath|is required",
        "{}|{type: RequestHeaderModifier}|{name: s, port: 80}|spec.rules[0].filters[0].requestHeaderModifier|is required",
        "{}|{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: a, value: b}]}, urlRewrite: {hostname: x}}|{name: s, port: 80}|spec.rules[0].filters[0].urlRewrite|must not be set",
        "{}|{type: ExtensionRef, extensionRef: {group: x, kind: y, name: z}}|{name: s, port: 80}|spec.rules[0].filters[0].type|not supported",
        "{}|{type: RequestMirror, requestMirror: {backendRef: {name: m, port: 80}, percent: 150}}|{name: s, port: 80}|spec.rules[0].filters[0].requestMirror.percent|must be 0-100",
        "{}|{type: RequestMirror, requestMirror: {backendRef: {name: m, port: 80}, fraction: {numerator: 5, denominator: 4}}}|{name: s, port: 80}|spec.rules[0].filters[0].requestMirror.fraction.numerator|greater"})
    void refusesWithFieldPath(String match, String filter, String backend, String field, String reason) {
        ManifestTranslation t = route(match, filter, backend);
        assertTrue(t.refused(), "expected a refusal at " + field);
        ConfigProblem p = t.problems().get(0);
        assertEquals("HTTPRoute web/shop", p.object());
        assertEquals(field, p.field(), t.problems().toString());
        assertTrue(p.reason().contains(reason), p.reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"URLRewrite|urlRewrite", "RequestRedirect|requestRedirect"})
    void emptyReplacePrefixMatchIsTheSpecsStrip(String type, String field) throws Exception {
        String yaml = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: shop, namespace: web}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /foo}}]
                    filters: [{type: %s, %s: {path: {type: ReplacePrefixMatch, replacePrefixMatch: ""}}}]
                    backendRefs: [%s]
                """.formatted(type, field, type.equals("URLRewrite") ? "{name: s, port: 80}" : "");
        ManifestTranslation t = new ObjectManifests().translate(object(yaml));
        assertFalse(t.refused(), t.problems().toString());
        Route r = (Route) Translator.read(Kinds.PIDS.get("HTTPRoute"), t.configurations().get(0).properties());
        Route.PathModifier path = switch (r.rules().get(0).filters().get(0)) {
            case Route.Rewrite w -> w.path();
            case Route.Redirect d -> d.path();
            default -> throw new AssertionError(r.rules().get(0).filters());
        };
        assertEquals(new Route.PathModifier(false, ""), path);
        ManifestTranslation full = new ObjectManifests().translate(object(yaml.replace(
                "type: ReplacePrefixMatch, replacePrefixMatch", "type: ReplaceFullPath, replaceFullPath")));
        assertTrue(full.refused(), "an empty ReplaceFullPath is no path");
        assertEquals("spec.rules[0].filters[0]." + field + ".path.replaceFullPath", full.problems().get(0).field());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{name: a, port: 0, protocol: HTTP}|spec.listeners[0].port|must be 1-65535",
        "{name: a, port: 443, protocol: HTTPS}|spec.listeners[0].tls|is required",
        "{name: a, port: 80, protocol: HTTP, tls: {mode: Terminate}}|spec.listeners[0].tls|must not be set",
        "{name: a, port: 80, protocol: HTTP, hostname: 'Bad_Host'}|spec.listeners[0].hostname|hostname",
        "{name: a, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Selector}}}|spec.listeners[0].allowedRoutes.namespaces.selector|is required"})
    void refusesBadGateways(String listener, String field, String reason) {
        ManifestTranslation t = new ObjectManifests().translate(object("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: net}
                spec:
                  gatewayClassName: edgebox
                  listeners: [%s]
                """.formatted(listener)));
        assertTrue(t.refused());
        assertEquals(field, t.problems().get(0).field(), t.problems().toString());
        assertTrue(t.problems().get(0).reason().contains(reason), t.problems().get(0).reason());
    }

    @Test
    void opaqueSecretsAreTakenWithTheirValuesFlattened() throws Exception {
        for (String type : new String[] {"type: Opaque", ""}) {
            ManifestTranslation t = new ObjectManifests().translate(object("""
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: cloudflare-token, namespace: cert-manager}
                    %s
                    data: {api-token: Y2Y=, tls.key: QQ==}
                    stringData: {tsig: "a b"}
                    """.formatted(type)));
            assertFalse(t.refused(), t.problems().toString());
            ConfigurationSpec spec = t.configurations().get(0);
            assertEquals(Kinds.PIDS.get("Secret"), spec.factoryPid());
            assertEquals("cert-manager.cloudflare-token", spec.name());
            assertEquals("Y2Y=", spec.properties().get("data.api-token"));
            assertEquals("QQ==", spec.properties().get("data[tls.key]"));
            assertEquals("a b", spec.properties().get("stringData.tsig"));
            Secret read = (Secret) Translator.read(Kinds.PIDS.get("Secret"), spec.properties());
            assertEquals("Opaque", read.type());
            assertFalse(read.tls(), "an Opaque Secret is no certificate");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "data: {api-token: \"%%%\"}                  | data.api-token   | not base64",
        "data: {tls.crt: QQ=x}                       | data[tls.crt]    | not base64",
        "data: {a/b: QQ==}                           | data.a/b         | a key must be",
        "stringData: {token: [a]}                    | stringData.token | must be a value, not a list",
        "data: [a]                                   | data             | must be an object",
        "type: kubernetes.io/dockerconfigjson        | type             | kubernetes.io/tls or Opaque are handled",
        "type: kubernetes.io/service-account-token   | type             | got \"kubernetes.io/service-account-token\""})
    void refusesBadSecretsNamingTheEntry(String body, String field, String reason) {
        ManifestTranslation t = new ObjectManifests().translate(object("""
                apiVersion: v1
                kind: Secret
                metadata: {name: s, namespace: net}
                %s
                """.formatted(body)));
        assertTrue(t.refused(), body);
        assertEquals(1, t.problems().size(), t.problems().toString());
        assertEquals("Secret net/s", t.problems().get(0).object());
        assertEquals(field, t.problems().get(0).field());
        assertTrue(t.problems().get(0).reason().contains(reason), t.problems().get(0).reason());
        assertFalse(t.problems().get(0).toString().contains("%%%"), "the value is never repeated");
    }

    @Test
    void tlsSecretsStillNeedTheirKeys() {
        ManifestTranslation t = new ObjectManifests().translate(object("""
                apiVersion: v1
                kind: Secret
                metadata: {name: s, namespace: net}
                type: kubernetes.io/tls
                stringData: {tls.crt: x}
                """));
        assertEquals(List.of("data[tls.key]"), t.problems().stream().map(ConfigProblem::field).toList());
        TestCertificates.Made made = TestCertificates.make(TestCertificates.Kind.EC, "a.example.com");
        ManifestTranslation ok = new ObjectManifests().translate(object("""
                apiVersion: v1
                kind: Secret
                metadata: {name: s, namespace: net}
                type: kubernetes.io/tls
                data: {tls.crt: %s, tls.key: %s}
                """.formatted(TestCertificates.base64(made.certificatePem()),
                TestCertificates.base64(made.pkcs8KeyPem()))));
        assertFalse(ok.refused(), ok.problems().toString());
        assertEquals(TestCertificates.base64(made.certificatePem()),
                ok.configurations().get(0).properties().get("data[tls.crt]"));
        ManifestTranslation notPem = new ObjectManifests().translate(object("""
                apiVersion: v1
                kind: Secret
                metadata: {name: s, namespace: net}
                type: kubernetes.io/tls
                data: {tls.crt: QQ==, tls.key: QQ==}
                """));
        assertEquals(List.of("data[tls.crt]"), notPem.problems().stream().map(ConfigProblem::field).toList());
    }

    @Test
    void gatewaysPidNeedsAnAddress() {
        assertEquals("defaultAddress", new ObjectManifests().validate(Kinds.SETTINGS_PID,
                Map.of("defaultAddress", "localhost")).get(0).field());
        assertEquals(List.of(), new ObjectManifests().validate(Kinds.SETTINGS_PID,
                Map.of("defaultAddress", "::1")));
    }

    @Test
    void handWrittenCfgWithStringsIsRead() throws Exception {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("apiVersion", "gateway.networking.k8s.io/v1");
        cfg.put("kind", "HTTPRoute");
        cfg.put("metadata.namespace", "web");
        cfg.put("metadata.name", "shop");
        cfg.put("spec.parentRefs.0.name", "gw");
        cfg.put("spec.rules.0.backendRefs.0.name", "svc");
        cfg.put("spec.rules.0.backendRefs.0.port", "8080");
        cfg.put("service.pid", "edgebox.objects.httproute~web.shop");
        Route r = (Route) Translator.read(Kinds.PIDS.get("HTTPRoute"), cfg);
        assertEquals(8080, r.rules().get(0).backendRefs().get(0).port());
        cfg.put("spec.rules.0.backendRefs.0.port", "http");
        List<ConfigProblem> problems = Translator.validate(Kinds.PIDS.get("HTTPRoute"), cfg);
        assertEquals("spec.rules[0].backendRefs[0].port", problems.get(0).field());
        assertEquals("HTTPRoute web/shop", problems.get(0).object());
    }
}
