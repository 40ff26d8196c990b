package edgebox.acme.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigurationSpec;
import edgebox.api.config.ManifestKind;
import edgebox.api.config.ManifestObject;
import edgebox.api.config.ManifestTranslation;

/** cert-manager manifests to factory configurations and back, and the problems of bad ones, by field. */
@SuppressWarnings("unchecked")
class ManifestsTest {

    static ManifestObject object(String kind, String namespace, String name, Map<String, Object> spec,
            Map<String, Object> meta) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("apiVersion", "cert-manager.io/v1");
        content.put("kind", kind);
        Map<String, Object> m = new LinkedHashMap<>(meta);
        m.put("name", name);
        content.put("metadata", m);
        content.put("spec", spec);
        return new ManifestObject(new ManifestKind("cert-manager.io/v1", kind), namespace, name, content,
                "etc/manifests/certs.yaml");
    }

    static Map<String, Object> issuerSpec(List<Object> solvers) {
        Map<String, Object> acme = new LinkedHashMap<>();
        acme.put("server", "https://acme-v02.api.letsencrypt.org/directory");
        acme.put("email", "ops@ragas.cc");
        acme.put("privateKeySecretRef", Map.of("name", "letsencrypt-account"));
        acme.put("solvers", solvers);
        return Map.of("acme", acme);
    }

    @Test
    void clusterIssuerWithSelectorsRoundTrips() throws Exception {
        ManifestTranslation t = Manifests.translate(object("ClusterIssuer", "default", "letsencrypt", issuerSpec(
                List.of(Map.of("dns01", Map.of("edgebox", Map.of()), "selector", Map.of("dnsZones", List.of(
                        "ragas.cc"))), Map.of("http01", Map.of("gatewayHTTPRoute", Map.of("parentRefs", List.of(
                                Map.of("name", "gw"))))), Map.of("http01", Map.of("gatewayHTTPRoute", Map.of())))),
                Map.of()));
        assertFalse(t.refused(), t.problems().toString());
        ConfigurationSpec c = t.configurations().get(0);
        assertEquals(Manifests.CLUSTER_ISSUER_PID, c.factoryPid());
        assertEquals("letsencrypt", c.name());
        assertEquals("{}", c.properties().get("spec.acme.solvers.0.dns01.edgebox"), "an empty object is kept");
        assertEquals("{}", c.properties().get("spec.acme.solvers.2.http01.gatewayHTTPRoute"));
        Issuer issuer = (Issuer) Manifests.read(c.factoryPid(), c.properties());
        assertEquals("ClusterIssuer/letsencrypt", issuer.key());
        assertEquals("letsencrypt-account", issuer.accountKeyName());
        assertEquals(List.of(Solver.Type.DNS01_EDGEBOX, Solver.Type.HTTP01, Solver.Type.HTTP01),
                issuer.solvers().stream().map(Solver::type).toList());
        assertEquals(List.of("ragas.cc"), issuer.solvers().get(0).dnsZones());
    }

    @Test
    void certificateWithWildcardDurationsAndKeyRoundTrips() throws Exception {
        ManifestTranslation t = Manifests.translate(object("Certificate", "web", "ragas", Map.of(
                "secretName", "ragas-tls", "dnsNames", List.of("*.ragas.cc", "ragas.cc"),
                "issuerRef", Map.of("name", "letsencrypt", "kind", "ClusterIssuer", "group", "cert-manager.io"),
                "privateKey", Map.of("algorithm", "ECDSA", "size", 384), "duration", "2160h",
                "renewBefore", "360h"), Map.of("labels", Map.of("app.kubernetes.io/name", "web"))));
        assertFalse(t.refused(), t.problems().toString());
        ConfigurationSpec c = t.configurations().get(0);
        assertEquals("web.ragas", c.name());
        assertEquals("web", c.properties().get("metadata.labels[app.kubernetes.io/name]"));
        CertificateSpec spec = (CertificateSpec) Manifests.read(c.factoryPid(), c.properties());
        assertEquals("web/ragas-tls", spec.secretRef());
        assertEquals(List.of("*.ragas.cc", "ragas.cc"), spec.dnsNames());
        assertEquals("ClusterIssuer/letsencrypt", spec.issuerKey());
        assertEquals(384, spec.keySize());
        assertEquals(Duration.ofDays(90), spec.duration());
        assertEquals(Duration.ofDays(15), spec.renewBefore());
        assertEquals(Map.of("app.kubernetes.io/name", "web"), spec.labels());
    }

    @Test
    void aHandWrittenCfgWithStringsIsRead() throws Exception {
        Map<String, Object> props = Map.of("kind", "Certificate", "metadata.name", "c", "metadata.namespace", "it",
                "spec.secretName", "c-tls", "spec.dnsNames.0", "a.test", "spec.issuerRef.name", "local",
                "spec.renewBeforePercentage", "25", "service.pid", "edgebox.acme.certificate~x");
        CertificateSpec spec = (CertificateSpec) Manifests.read(Manifests.CERTIFICATE_PID, props);
        assertEquals("Issuer/it/local", spec.issuerKey());
        assertEquals(25, spec.renewBeforePercentage());
        assertEquals("RSA", spec.keyAlgorithm());
        assertEquals(2048, spec.keySize());
    }

    @Test
    void badCertificateFieldsAreNamed() {
        ManifestTranslation t = Manifests.translate(object("Certificate", "web", "bad", Map.of(
                "secretName", "Bad_Name", "dnsNames", List.of("ok.test", "a.*.test", "x..test"),
                "issuerRef", Map.of("name", "le", "kind", "Vault"), "privateKey", Map.of("algorithm", "DSA"),
                "duration", "90d", "renewBefore", "1h", "renewBeforePercentage", 10), Map.of()));
        assertTrue(t.refused());
        List<String> fields = t.problems().stream().map(ConfigProblem::field).toList();
        assertEquals(List.of("spec.secretName", "spec.dnsNames[1]", "spec.dnsNames[2]", "spec.issuerRef.kind",
                "spec.privateKey.algorithm", "spec.duration", "spec.renewBeforePercentage"), fields);
        assertEquals("Certificate web/bad", t.problems().get(0).object());
        assertTrue(t.problems().get(5).reason().contains("2160h"), t.problems().get(5).reason());
    }

    @Test
    void badIssuerFieldsAreNamed() {
        Map<String, Object> acme = new LinkedHashMap<>();
        acme.put("server", "http://plain.example/dir");
        acme.put("email", "not-an-address");
        acme.put("caBundle", "bm90IGEgY2VydA==");
        acme.put("solvers", List.of(Map.of("dns01", Map.of("cloudflare", Map.of("apiTokenSecretRef",
                Map.of("name", "cf")))), Map.of("dns01", Map.of("edgebox", Map.of()), "http01", Map.of(
                        "gatewayHTTPRoute", Map.of())), Map.of("http01", Map.of("ingress", Map.of()))));
        ManifestTranslation t = Manifests.translate(object("ClusterIssuer", "default", "le", Map.of("acme", acme),
                Map.of()));
        assertTrue(t.refused());
        List<String> fields = t.problems().stream().map(ConfigProblem::field).toList();
        assertEquals(List.of("spec.acme.server", "spec.acme.email", "spec.acme.privateKeySecretRef.name",
                "spec.acme.caBundle", "spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef.key", "spec.acme.solvers[1]",
                "spec.acme.solvers[2].http01"), fields);
        assertEquals("ClusterIssuer le", t.problems().get(0).object());
    }

    @Test
    void cloudflareAndRfc2136SolversNameTheirSecrets() throws Exception {
        ManifestTranslation t = Manifests.translate(object("Issuer", "web", "cf", issuerSpec(List.of(
                Map.of("dns01", Map.of("cloudflare", Map.of("apiTokenSecretRef", Map.of("name", "cloudflare-token",
                        "key", "api-token")))))), Map.of()));
        assertFalse(t.refused(), t.problems().toString());
        Issuer issuer = (Issuer) Manifests.read(Manifests.ISSUER_PID, t.configurations().get(0).properties());
        assertEquals(Solver.Type.DNS01_CLOUDFLARE, issuer.solvers().get(0).type());
        assertEquals(Map.of("secretName", "cloudflare-token", "secretKey", "api-token", "secretNamespace", "web"),
                issuer.solvers().get(0).settings());
        ManifestTranslation global = Manifests.translate(object("Issuer", "web", "cf", issuerSpec(List.of(
                Map.of("dns01", Map.of("cloudflare", Map.of("email", "a@b.c", "apiKeySecretRef", Map.of("name",
                        "k", "key", "k")))))), Map.of()));
        assertEquals("spec.acme.solvers[0].dns01.cloudflare.apiKeySecretRef", global.problems().get(0).field());
        ManifestTranslation rfc = Manifests.translate(object("Issuer", "web", "r", issuerSpec(List.of(
                Map.of("dns01", Map.of("rfc2136", Map.of("nameserver", "127.0.0.1:53", "tsigKeyName", "acme",
                        "tsigAlgorithm", "HMACSHA256", "tsigSecretSecretRef", Map.of("name", "tsig", "key",
                                "secret")))))), Map.of()));
        assertFalse(rfc.refused(), rfc.problems().toString());
        Issuer r = (Issuer) Manifests.read(Manifests.ISSUER_PID, rfc.configurations().get(0).properties());
        assertEquals(Solver.Type.DNS01_RFC2136, r.solvers().get(0).type());
        assertEquals("127.0.0.1:53", r.solvers().get(0).settings().get("nameserver"));
        ManifestTranslation badAlg = Manifests.translate(object("Issuer", "web", "r", issuerSpec(List.of(
                Map.of("dns01", Map.of("rfc2136", Map.of("nameserver", "ns.example:53", "tsigKeyName", "k",
                        "tsigAlgorithm", "rot13", "tsigSecretSecretRef", Map.of("name", "t", "key", "s")))))),
                Map.of()));
        assertEquals("spec.acme.solvers[0].dns01.rfc2136.tsigAlgorithm", badAlg.problems().get(0).field());
    }

    @Test
    void externalAccountBindingNamesItsSecret() throws Exception {
        Map<String, Object> spec = new LinkedHashMap<>(issuerSpec(List.of(Map.of("dns01", Map.of("edgebox",
                Map.of())))));
        Map<String, Object> acme = new LinkedHashMap<>((Map<String, Object>) spec.get("acme"));
        acme.put("externalAccountBinding", Map.of("keyID", "kid-1", "keySecretRef", Map.of("name", "eab",
                "key", "secret"), "keyAlgorithm", "HS256"));
        ManifestTranslation t = Manifests.translate(object("ClusterIssuer", "default", "zerossl", Map.of("acme",
                acme), Map.of()));
        assertFalse(t.refused(), t.problems().toString());
        Issuer issuer = (Issuer) Manifests.read(Manifests.CLUSTER_ISSUER_PID, t.configurations().get(0).properties());
        assertEquals(Map.of("keyID", "kid-1", "secretName", "eab", "secretKey", "secret", "secretNamespace", ""),
                issuer.eab());
        acme.put("externalAccountBinding", Map.of("keyID", "kid-1", "keyAlgorithm", "HS512"));
        ManifestTranslation bad = Manifests.translate(object("ClusterIssuer", "default", "zerossl", Map.of("acme",
                acme), Map.of()));
        assertEquals(List.of("spec.acme.externalAccountBinding.keySecretRef.name",
                "spec.acme.externalAccountBinding.keySecretRef.key", "spec.acme.externalAccountBinding.keyAlgorithm"),
                bad.problems().stream().map(ConfigProblem::field).toList());
    }

    @Test
    void aConfigurationOfAnotherKindIsRefused() {
        List<ConfigProblem> p = Manifests.validate(Manifests.ISSUER_PID, Map.of("kind", "Certificate",
                "metadata.name", "x"));
        assertEquals("kind", p.get(0).field());
    }
}
