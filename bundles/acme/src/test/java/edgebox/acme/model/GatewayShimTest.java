package edgebox.acme.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import edgebox.api.config.ConfigProblem;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.ObjectSnapshot.GatewaySettings;
import edgebox.objects.derive.Snapshots;
import edgebox.objects.testing.TestCertificates;
import edgebox.objects.testing.YamlObjects;

/** Gateways of an objects snapshot to implicit Certificates, the way cert-manager's gateway-shim does. */
class GatewayShimTest {

    /** A Gateway manifest; each listener (a flow map's entries, without port) gets its own port from 443 on. */
    static String gateway(String namespace, String name, String className, Map<String, String> annotations,
            String... listeners) {
        StringBuilder y = new StringBuilder("""
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  namespace: %s
                  name: %s
                  annotations: {%s}
                spec:
                  gatewayClassName: %s
                  listeners:
                """.formatted(namespace, name, annotations.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"").collect(Collectors.joining(", ")),
                className));
        for (int i = 0; i < listeners.length; i++) {
            y.append("  - {port: ").append(443 + i).append(", ").append(listeners[i]).append("}\n");
        }
        return y.toString();
    }

    static String listener(String name, String protocol, String hostname, String mode, String ref) {
        return "name: " + name + ", protocol: " + protocol + (hostname == null ? "" : ", hostname: \"" + hostname
                + "\"") + (mode == null ? "" : ", tls: {mode: " + mode + ", certificateRefs: [" + ref + "]}");
    }

    static String https(String name, String hostname, String secret) {
        return listener(name, "HTTPS", hostname, "Terminate", "{kind: Secret, name: " + secret + "}");
    }

    static String tlsSecret(String namespace, String name) {
        TestCertificates.Made made = TestCertificates.make(TestCertificates.Kind.EC, "tls.example.com");
        return """
                ---
                apiVersion: v1
                kind: Secret
                type: kubernetes.io/tls
                metadata: {namespace: %s, name: %s}
                data: {tls.crt: %s, tls.key: %s}
                """.formatted(namespace, name, TestCertificates.base64(made.certificatePem()),
                TestCertificates.base64(made.pkcs8KeyPem()));
    }

    static String opaqueSecret(String namespace, String name) {
        return """
                ---
                apiVersion: v1
                kind: Secret
                type: Opaque
                metadata: {namespace: %s, name: %s}
                stringData: {token: not-a-certificate}
                """.formatted(namespace, name);
    }

    static GatewayShim.Plan derive(ObjectSnapshot objects, List<CertificateSpec> explicit, String autoIssuer) {
        Set<String> refs = Set.copyOf(explicit.stream().map(CertificateSpec::ref).toList());
        Set<String> secretRefs = Set.copyOf(explicit.stream().map(CertificateSpec::secretRef).toList());
        return GatewayShim.derive(new GatewayShim.Inputs(objects, refs, secretRefs, autoIssuer));
    }

    static GatewayShim.Plan derive(String... manifests) {
        return derive(YamlObjects.snapshot(String.join("", manifests)), List.of(), "");
    }

    static CertificateSpec explicit(String namespace, String name, String secretName) {
        return new CertificateSpec(namespace, name, secretName, List.of("x.example.com"), "ClusterIssuer/le", "RSA",
                2048, null, null, 0, Map.of());
    }

    @Test
    void clusterIssuerAnnotationGivesOneCertificatePerHttpsListenerNamedForItsSecret() {
        GatewayShim.Plan plan = derive(gateway("network", "envoy-internal", "edgebox", Map.of(
                GatewayShim.CLUSTER_ISSUER, "letsencrypt", "cert-manager.io/duration", "2160h",
                "cert-manager.io/renew-before", "360h", "cert-manager.io/private-key-algorithm", "ECDSA",
                "cert-manager.io/private-key-size", "384"),
                listener("http", "HTTP", "web.ragas.cc", null, null),
                https("https", "web.ragas.cc", "web-tls"),
                https("api", "api.ragas.cc", "api-tls")));
        assertEquals(List.of(), plan.problems());
        assertEquals(List.of("network/web-tls", "network/api-tls"), List.copyOf(plan.certificates().keySet()));
        GatewayShim.Implicit web = plan.certificates().get("network/web-tls");
        CertificateSpec s = web.spec();
        assertEquals("web-tls", s.secretName());
        assertEquals(List.of("web.ragas.cc"), s.dnsNames());
        assertEquals("ClusterIssuer/letsencrypt", s.issuerKey());
        assertEquals(Duration.ofHours(2160), s.duration());
        assertEquals(Duration.ofHours(360), s.renewBefore());
        assertEquals("ECDSA", s.keyAlgorithm());
        assertEquals(384, s.keySize());
        assertEquals(List.of("Gateway network/envoy-internal listener https"), web.origins());
    }

    @Test
    void issuerAnnotationNamesTheIssuerInTheCertificatesNamespaceAndTheRefsNamespaceWins() {
        GatewayShim.Plan plan = derive(gateway("network", "gw", "edgebox", Map.of(GatewayShim.ISSUER, "ca"),
                listener("a", "HTTPS", "a.example.com", "Terminate", "{name: a-tls, namespace: web}"),
                https("b", "b.example.com", "b-tls")));
        assertEquals("Issuer/web/ca", plan.certificates().get("web/a-tls").spec().issuerKey());
        assertEquals("Issuer/network/ca", plan.certificates().get("network/b-tls").spec().issuerKey());
        assertEquals("RSA", plan.certificates().get("network/b-tls").spec().keyAlgorithm(), "cert-manager's default");
    }

    @Test
    void listenersSharingASecretShareOneCertificateWithAllTheirHostnames() {
        GatewayShim.Plan plan = derive(
                gateway("network", "a", "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "le"),
                        https("one", "one.example.com", "shared"), https("two", "*.example.com", "shared"),
                        https("again", "one.example.com", "shared")),
                gateway("network", "b", "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "le"),
                        https("three", "three.example.com", "shared")));
        assertEquals(Set.of("network/shared"), plan.certificates().keySet());
        GatewayShim.Implicit c = plan.certificates().get("network/shared");
        assertEquals(List.of("one.example.com", "*.example.com", "three.example.com"), c.spec().dnsNames());
        assertEquals(List.of("Gateway network/a listener one", "Gateway network/a listener two",
                "Gateway network/a listener again", "Gateway network/b listener three"), c.origins());
    }

    @Test
    void aSharedSecretAskedForWithOtherSettingsKeepsTheOldestGatewaysAndSaysSo() {
        String b = gateway("network", "b", "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "other"),
                https("https", "b.example.com", "shared"));
        String a = gateway("network", "a", "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "le"),
                https("https", "a.example.com", "shared"));
        GatewayShim.Plan plan = derive(b, a);
        CertificateSpec s = plan.certificates().get("network/shared").spec();
        assertEquals(List.of("a.example.com"), s.dnsNames(), "as old as each other: by namespace/name");
        assertEquals("ClusterIssuer/le", s.issuerKey());
        assertEquals(List.of(ConfigProblem.of("Gateway network/b", "spec.listeners[0].tls.certificateRefs[0]",
                "Secret network/shared is issued for Gateway network/a listener https with other cert-manager.io "
                        + "annotations; this listener's hostname is left out")), plan.problems());
        String older = b.replace("  name: b\n", "  name: b\n  creationTimestamp: \"2024-01-01T00:00:00Z\"\n");
        CertificateSpec first = derive(older, a).certificates().get("network/shared").spec();
        assertEquals("ClusterIssuer/other", first.issuerKey(), "the older Gateway wins, as Gateway API conflicts do");
    }

    @Test
    void anExplicitCertificateForTheSecretWins() {
        ObjectSnapshot gws = YamlObjects.snapshot(gateway("network", "gw", "edgebox", Map.of(
                GatewayShim.CLUSTER_ISSUER, "le"), https("a", "a.example.com", "a-tls"),
                https("b", "b.example.com", "b-tls")));
        GatewayShim.Plan plan = derive(gws, List.of(explicit("network", "mine", "a-tls")), "");
        assertEquals(Set.of("network/b-tls"), plan.certificates().keySet());
        assertEquals(List.of(), plan.problems());
        // an explicit Certificate that has the implicit one's name but another Secret keeps its name too
        GatewayShim.Plan clash = derive(gws, List.of(explicit("network", "b-tls", "other")), "");
        assertEquals(Set.of("network/a-tls"), clash.certificates().keySet());
        assertEquals(1, clash.problems().size(), clash.problems().toString());
        assertTrue(clash.problems().get(0).reason().contains("a Certificate network/b-tls exists for another Secret"),
                clash.problems().toString());
    }

    @Test
    void otherClassesUnannotatedGatewaysAndListenersWithoutHostnameOrSecretAreIgnored() {
        String cilium = gateway("network", "cilium", "cilium", Map.of(GatewayShim.CLUSTER_ISSUER, "le"),
                https("https", "a.example.com", "a-tls"));
        GatewayShim.Plan plan = derive(cilium,
                gateway("network", "plain", "edgebox", Map.of(), https("https", "b.example.com", "b-tls")),
                gateway("network", "gw", "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "le"),
                        https("nohost", null, "c-tls"),
                        listener("pass", "TLS", "d.example.com", "Passthrough", "{name: d-tls}"),
                        listener("cm", "HTTPS", "e.example.com", "Terminate", "{kind: ConfigMap, name: e-tls}"),
                        listener("grp", "HTTPS", "f.example.com", "Terminate", "{group: example.com, name: f-tls}"),
                        listener("core", "HTTPS", "g.example.com", "Terminate", "{group: core, name: g-tls}")));
        assertEquals(Set.of("network/g-tls"), plan.certificates().keySet());
        assertEquals(List.of(), plan.problems());
        ObjectSnapshot servingCilium = Snapshots.build(1, YamlObjects.parse(cilium),
                new GatewaySettings(Set.of("cilium"), "127.0.0.1"), List.of(), Map.of()).snapshot();
        assertEquals(Set.of("network/a-tls"), derive(servingCilium, List.of(), "").certificates().keySet(),
                "the classes the box serves are the snapshot's");
    }

    @Test
    void aBadAnnotationValueRefusesTheGatewaysCertificatesNamingTheAnnotation() {
        GatewayShim.Plan plan = derive(
                gateway("network", "bad", "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "le",
                        "cert-manager.io/duration", "soon"), https("a", "a.example.com", "a-tls"),
                        https("b", "b.example.com", "b-tls")),
                gateway("network", "good", "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "le"),
                        https("c", "c.example.com", "c-tls")));
        assertEquals(Set.of("network/c-tls"), plan.certificates().keySet());
        assertEquals(List.of("Gateway network/bad: metadata.annotations[cert-manager.io/duration]: \"soon\" is not "
                + "a duration such as 2160h or 1h30m; no implicit Certificates for this Gateway"),
                plan.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void conflictingOrOutOfRangeAnnotationsAreRefusedEachByItsName() {
        List<String> fields = new ArrayList<>();
        for (Map<String, String> a : List.of(
                Map.of(GatewayShim.CLUSTER_ISSUER, "le", GatewayShim.ISSUER, "ca"),
                Map.of(GatewayShim.CLUSTER_ISSUER, " "),
                Map.of(GatewayShim.CLUSTER_ISSUER, "le", GatewayShim.ISSUER_KIND, "Issuer"),
                Map.of(GatewayShim.ISSUER, "ca", GatewayShim.ISSUER_KIND, "AWSPCAIssuer"),
                Map.of(GatewayShim.ISSUER, "ca", GatewayShim.ISSUER_GROUP, "awspca.cert-manager.io"),
                Map.of(GatewayShim.ISSUER, "ca", "cert-manager.io/private-key-algorithm", "DSA"),
                Map.of(GatewayShim.ISSUER, "ca", "cert-manager.io/private-key-algorithm", "ECDSA",
                        "cert-manager.io/private-key-size", "521"),
                Map.of(GatewayShim.ISSUER, "ca", "cert-manager.io/renew-before-percentage", "150"),
                Map.of(GatewayShim.ISSUER, "ca", "cert-manager.io/duration", "24h",
                        "cert-manager.io/renew-before", "48h"))) {
            GatewayShim.Plan plan = derive(gateway("network", "gw", "edgebox", a,
                    https("a", "a.example.com", "a-tls")));
            assertEquals(Map.of(), plan.certificates(), a.toString());
            assertEquals(1, plan.problems().size(), a + ": " + plan.problems());
            ConfigProblem p = plan.problems().get(0);
            assertEquals("Gateway network/gw", p.object());
            assertTrue(p.reason().endsWith("; no implicit Certificates for this Gateway"), p.toString());
            fields.add(p.field().replace("metadata.annotations[cert-manager.io/", "").replace("]", ""));
        }
        assertEquals(List.of("cluster-issuer", "cluster-issuer", "issuer-kind", "issuer-kind", "issuer-group",
                "private-key-algorithm", "private-key-size", "renew-before-percentage", "renew-before"), fields);
    }

    @Test
    void aHostnameNoCertificateCanHoldLeavesOutThatListenerOnly() {
        String label64 = "a".repeat(64);
        GatewayShim.Plan plan = derive(gateway("network", "gw", "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "le"),
                https("a", label64 + ".example.com", "a-tls"), https("b", "b.example.com", "b-tls")));
        assertEquals(Set.of("network/b-tls"), plan.certificates().keySet());
        assertEquals(1, plan.problems().size(), plan.problems().toString());
        assertEquals("spec.listeners[0].hostname", plan.problems().get(0).field());
    }

    @Test
    void theAutoIssuerCoversListenersWhoseSecretNothingProvides() {
        ObjectSnapshot objects = YamlObjects.snapshot(String.join("",
                gateway("network", "plain", "edgebox", Map.of(), https("own", "own.example.com", "own-tls"),
                        https("cert", "cert.example.com", "cert-tls"), https("none", "none.example.com", "none-tls")),
                gateway("network", "annotated", "edgebox", Map.of(GatewayShim.ISSUER, "ca"),
                        https("own", "x.example.com", "x-tls")),
                tlsSecret("network", "own-tls"), tlsSecret("network", "x-tls")));
        List<CertificateSpec> explicit = List.of(explicit("network", "cert", "cert-tls"));
        GatewayShim.Plan plan = derive(objects, explicit, "letsencrypt");
        assertEquals(Set.of("network/none-tls", "network/x-tls"), plan.certificates().keySet());
        assertEquals("ClusterIssuer/letsencrypt", plan.certificates().get("network/none-tls").spec().issuerKey());
        assertEquals("Issuer/network/ca", plan.certificates().get("network/x-tls").spec().issuerKey(),
                "an annotated Gateway issues for its Secret even when a TLS Secret exists, as cert-manager does");
        assertEquals(Set.of("network/x-tls"), derive(objects, explicit, "").certificates().keySet(),
                "no autoIssuer: annotated Gateways only");
    }

    @Test
    void anOpaqueSecretOfTheSameNameProvidesNoCertificate() {
        String gw = gateway("network", "plain", "edgebox", Map.of(), https("own", "own.example.com", "own-tls"));
        assertEquals(Set.of("network/own-tls"), derive(YamlObjects.snapshot(gw + opaqueSecret("network", "own-tls")),
                List.of(), "letsencrypt").certificates().keySet(), "the autoIssuer covers it");
        assertEquals(Set.of(), derive(YamlObjects.snapshot(gw + tlsSecret("network", "own-tls")), List.of(),
                "letsencrypt").certificates().keySet());
    }
}
