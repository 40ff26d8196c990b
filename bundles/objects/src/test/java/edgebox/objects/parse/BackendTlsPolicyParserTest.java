package edgebox.objects.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import edgebox.api.objects.BackendTlsPolicy;
import edgebox.api.objects.BackendTlsPolicy.SubjectAltName;
import edgebox.api.objects.BackendTlsPolicy.TargetRef;
import edgebox.api.objects.ConfigMap;
import edgebox.api.objects.Gateway;
import edgebox.objects.testing.TestCertificates;

/** BackendTLSPolicy (v1alpha3 and v1), ConfigMaps with a CA bundle, and TLS listeners in mode Terminate. */
class BackendTlsPolicyParserTest {

    private static Parser.Parsed parse(String yaml) {
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return Parser.parse(doc);
    }

    private static String policy(String apiVersion, String validation) {
        return """
                apiVersion: gateway.networking.k8s.io/%s
                kind: BackendTLSPolicy
                metadata: {name: web-tls, namespace: apps}
                spec:
                  targetRefs: [{group: "", kind: Service, name: web, sectionName: https}]
                  validation: %s
                """.formatted(apiVersion, validation);
    }

    @Test
    void readsBothVersions() {
        for (String version : List.of("v1alpha3", "v1")) {
            Parser.Parsed p = parse(policy(version, "{caCertificateRefs: [{group: '', kind: ConfigMap, name: ca}], "
                    + "hostname: web.apps.test, subjectAltNames: [{type: Hostname, hostname: '*.apps.test'}, "
                    + "{type: URI, uri: 'spiffe://cluster.test/ns/apps/sa/web'}]}"));
            assertTrue(p.ok(), p.problems().toString());
            BackendTlsPolicy b = (BackendTlsPolicy) p.object();
            assertEquals(List.of(new TargetRef("", "Service", "web", "https")), b.targetRefs());
            assertEquals("ca", b.caCertificateRefs().get(0).name());
            assertFalse(b.systemCertificates());
            assertEquals("web.apps.test", b.hostname());
            assertEquals(List.of(new SubjectAltName("Hostname", "*.apps.test"),
                    new SubjectAltName("URI", "spiffe://cluster.test/ns/apps/sa/web")), b.subjectAltNames());
        }
        Parser.Parsed system = parse(policy("v1", "{wellKnownCACertificates: System, hostname: web.apps.test}"));
        assertTrue(system.ok(), system.problems().toString());
        assertTrue(((BackendTlsPolicy) system.object()).systemCertificates());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{hostname: a.test}|spec.validation.caCertificateRefs|one of caCertificateRefs or wellKnownCACertificates",
        "{caCertificateRefs: [{kind: ConfigMap, name: ca}], wellKnownCACertificates: System, hostname: a.test}"
                + "|spec.validation|must not set both",
        "{wellKnownCACertificates: Mozilla, hostname: a.test}|spec.validation.wellKnownCACertificates|must be System",
        "{wellKnownCACertificates: System}|spec.validation.hostname|is required",
        "{wellKnownCACertificates: System, hostname: '*.a.test'}|spec.validation.hostname|without wildcard",
        "{wellKnownCACertificates: System, hostname: a.test, subjectAltNames: [{type: Hostname}]}"
                + "|spec.validation.subjectAltNames[0].hostname|is required when type is Hostname",
        "{wellKnownCACertificates: System, hostname: a.test, subjectAltNames: [{type: URI, uri: x, hostname: a.test}]}"
                + "|spec.validation.subjectAltNames[0].hostname|must not be set when type is URI",
        "{wellKnownCACertificates: System, hostname: a.test, subjectAltNames: [{type: URI, uri: 'no-scheme'}]}"
                + "|spec.validation.subjectAltNames[0].uri|absolute URI",
        "{wellKnownCACertificates: System, hostname: a.test, subjectAltNames: [{type: IP, hostname: a.test}]}"
                + "|spec.validation.subjectAltNames[0].type|must be one of Hostname, URI",
        "{caCertificateRefs: [{name: ca}], hostname: a.test}|spec.validation.caCertificateRefs[0].kind|is required"})
    void refusesBadValidationNamingTheField(String validation, String field, String reason) {
        Parser.Parsed p = parse(policy("v1", validation));
        assertFalse(p.ok());
        assertTrue(p.problems().stream().anyMatch(x -> x.field().equals(field) && x.reason().contains(reason)),
                p.problems().toString());
    }

    @Test
    void refusesMissingTargetsDuplicateTargetsAndOptions() {
        Parser.Parsed none = parse("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: BackendTLSPolicy
                metadata: {name: p, namespace: apps}
                spec: {targetRefs: [], validation: {wellKnownCACertificates: System, hostname: a.test}}
                """);
        assertEquals("spec.targetRefs: at least one target is required", none.problems().get(0).toString());
        Parser.Parsed twice = parse("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: BackendTLSPolicy
                metadata: {name: p, namespace: apps}
                spec:
                  targetRefs: [{kind: Service, name: web}, {kind: Service, name: web}]
                  validation: {wellKnownCACertificates: System, hostname: a.test}
                  options: {example.com/min-version: "1.3"}
                """);
        assertTrue(twice.problems().toString().contains("spec.targetRefs[1]: the same target and sectionName"),
                twice.problems().toString());
        assertTrue(twice.problems().toString().contains("spec.options[example.com/min-version]: no option is "
                + "supported"), twice.problems().toString());
        Parser.Parsed noValidation = parse("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: BackendTLSPolicy
                metadata: {name: p, namespace: apps}
                spec: {targetRefs: [{kind: Service, name: web}]}
                """);
        assertEquals("spec.validation: is required", noValidation.problems().get(0).toString());
    }

    @Test
    void aConfigMapsCaBundleIsDecodedOnceAndABadOneRefused() {
        String pem = TestCertificates.make(TestCertificates.Kind.EC, "ca.test").certificatePem();
        Parser.Parsed good = Parser.parse(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "ca", "namespace", "apps"), "data", Map.of("ca.crt", pem, "other", "x")));
        assertTrue(good.ok(), good.problems().toString());
        ConfigMap m = (ConfigMap) good.object();
        assertEquals(1, m.caCertificates().size());
        assertEquals("x", m.data().get("other"));

        Parser.Parsed plain = Parser.parse(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "settings", "namespace", "apps"), "data", Map.of("mode", "fast")));
        assertTrue(plain.ok() && ((ConfigMap) plain.object()).caCertificates().isEmpty());

        Parser.Parsed bad = Parser.parse(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "ca", "namespace", "apps"), "data", Map.of("ca.crt", "not pem")));
        assertEquals("data[ca.crt]: no PEM certificate (-----BEGIN CERTIFICATE-----) found",
                bad.problems().get(0).toString());
    }

    @Test
    void aTlsListenerMayTerminateWithCertificates() {
        Parser.Parsed ok = parse("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: net}
                spec:
                  gatewayClassName: edgebox
                  listeners:
                  - {name: tls, port: 9443, protocol: TLS, tls: {mode: Terminate, certificateRefs: [{name: c}]}}
                """);
        assertTrue(ok.ok(), ok.problems().toString());
        assertEquals("Terminate", ((Gateway) ok.object()).listeners().get(0).tlsMode());
        Parser.Parsed noCert = parse("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: net}
                spec:
                  gatewayClassName: edgebox
                  listeners: [{name: tls, port: 9443, protocol: TLS, tls: {mode: Terminate}}]
                """);
        assertEquals("spec.listeners[0].tls.certificateRefs: at least one is required for mode Terminate",
                noCert.problems().get(0).toString());
    }
}
