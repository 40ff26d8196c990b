package edgebox.acme.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.FlatProperties;

/** Gateways (flattened, as the proxy stores them) to implicit Certificates, the way cert-manager's gateway-shim does. */
class GatewayShimTest {

    static Map<String, Object> listener(String name, String protocol, String hostname, String mode,
            Map<String, Object> ref) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("name", name);
        l.put("protocol", protocol);
        l.put("port", 443);
        if (hostname != null) {
            l.put("hostname", hostname);
        }
        if (mode != null) {
            l.put("tls", Map.of("mode", mode, "certificateRefs", List.of(ref)));
        }
        return l;
    }

    static Map<String, Object> https(String name, String hostname, String secret) {
        return listener(name, "HTTPS", hostname, "Terminate", Map.of("kind", "Secret", "name", secret));
    }

    static Map<String, Object> gateway(String namespace, String name, String className,
            Map<String, String> annotations, List<Map<String, Object>> listeners) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", name);
        meta.put("namespace", namespace);
        if (!annotations.isEmpty()) {
            meta.put("annotations", annotations);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", "gateway.networking.k8s.io/v1");
        o.put("kind", "Gateway");
        o.put("metadata", meta);
        o.put("spec", Map.of("gatewayClassName", className, "listeners", listeners));
        Map<String, Object> flat = new LinkedHashMap<>(FlatProperties.flatten(o));
        flat.put("edgebox.config.source", "etc/manifests/gw.yaml");
        return flat;
    }

    static Map<String, Object> secret(String namespace, String name) {
        return FlatProperties.flatten(Map.of("apiVersion", "v1", "kind", "Secret", "type", "kubernetes.io/tls",
                "metadata", Map.of("name", name, "namespace", namespace), "data", Map.of("tls.crt", "x")));
    }

    static GatewayShim.Plan derive(Map<String, Map<String, Object>> gateways, Map<String, Map<String, Object>> secrets,
            List<CertificateSpec> explicit, String autoIssuer) {
        Set<String> refs = Set.copyOf(explicit.stream().map(CertificateSpec::ref).toList());
        Set<String> secretRefs = Set.copyOf(explicit.stream().map(CertificateSpec::secretRef).toList());
        return GatewayShim.derive(new GatewayShim.Inputs(gateways, secrets, refs, secretRefs, Set.of("edgebox"),
                autoIssuer));
    }

    static GatewayShim.Plan derive(Map<String, Object>... gateways) {
        Map<String, Map<String, Object>> in = new LinkedHashMap<>();
        for (int i = 0; i < gateways.length; i++) {
            in.put("edgebox.proxy.gateway~g" + i, gateways[i]);
        }
        return derive(in, Map.of(), List.of(), "");
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
                "cert-manager.io/private-key-size", "384"), List.of(
                        listener("http", "HTTP", "web.ragas.cc", null, null),
                        https("https", "web.ragas.cc", "web-tls"),
                        https("api", "api.ragas.cc", "api-tls"))));
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
        GatewayShim.Plan plan = derive(gateway("network", "gw", "edgebox", Map.of(GatewayShim.ISSUER, "ca"), List.of(
                listener("a", "HTTPS", "a.example.com", "Terminate", Map.of("name", "a-tls", "namespace", "web")),
                https("b", "b.example.com", "b-tls"))));
        assertEquals("Issuer/web/ca", plan.certificates().get("web/a-tls").spec().issuerKey());
        assertEquals("Issuer/network/ca", plan.certificates().get("network/b-tls").spec().issuerKey());
        assertEquals("RSA", plan.certificates().get("network/b-tls").spec().keyAlgorithm(), "cert-manager's default");
    }

    @Test
    void listenersSharingASecretShareOneCertificateWithAllTheirHostnames() {
        GatewayShim.Plan plan = derive(
                gateway("network", "a", "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "le"), List.of(
                        https("one", "one.example.com", "shared"), https("two", "*.example.com", "shared"),
                        https("again", "one.example.com", "shared"))),
                gateway("network", "b", "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "le"), List.of(
                        listener("tls", "TLS", "three.example.com", "Terminate", Map.of("name", "shared")))));
        assertEquals(Set.of("network/shared"), plan.certificates().keySet());
        GatewayShim.Implicit c = plan.certificates().get("network/shared");
        assertEquals(List.of("one.example.com", "*.example.com", "three.example.com"), c.spec().dnsNames());
        assertEquals(List.of("Gateway network/a listener one", "Gateway network/a listener two",
                "Gateway network/a listener again", "Gateway network/b listener tls"), c.origins());
    }

    @Test
    void aSharedSecretAskedForWithOtherSettingsKeepsTheFirstGatewaysAndSaysSo() {
        GatewayShim.Plan plan = derive(
                gateway("network", "b", "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "other"), List.of(
                        https("https", "b.example.com", "shared"))),
                gateway("network", "a", "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "le"), List.of(
                        https("https", "a.example.com", "shared"))));
        CertificateSpec s = plan.certificates().get("network/shared").spec();
        assertEquals(List.of("a.example.com"), s.dnsNames());
        assertEquals("ClusterIssuer/le", s.issuerKey());
        assertEquals(List.of(ConfigProblem.of("Gateway network/b", "spec.listeners[0].tls.certificateRefs[0]",
                "Secret network/shared is issued for Gateway network/a listener https with other cert-manager.io "
                        + "annotations; this listener's hostname is left out")), plan.problems());
    }

    @Test
    void anExplicitCertificateForTheSecretWins() {
        Map<String, Map<String, Object>> gws = Map.of("edgebox.proxy.gateway~network.gw", gateway("network", "gw",
                "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "le"), List.of(https("a", "a.example.com", "a-tls"),
                        https("b", "b.example.com", "b-tls"))));
        GatewayShim.Plan plan = derive(gws, Map.of(), List.of(explicit("network", "mine", "a-tls")), "");
        assertEquals(Set.of("network/b-tls"), plan.certificates().keySet());
        assertEquals(List.of(), plan.problems());
        // an explicit Certificate that has the implicit one's name but another Secret keeps its name too
        GatewayShim.Plan clash = derive(gws, Map.of(), List.of(explicit("network", "b-tls", "other")), "");
        assertEquals(Set.of("network/a-tls"), clash.certificates().keySet());
        assertEquals(1, clash.problems().size(), clash.problems().toString());
        assertTrue(clash.problems().get(0).reason().contains("a Certificate network/b-tls exists for another Secret"),
                clash.problems().toString());
    }

    @Test
    void otherClassesUnannotatedGatewaysAndListenersWithoutHostnameOrSecretAreIgnored() {
        GatewayShim.Plan plan = derive(
                gateway("network", "cilium", "cilium", Map.of(GatewayShim.CLUSTER_ISSUER, "le"), List.of(
                        https("https", "a.example.com", "a-tls"))),
                gateway("network", "plain", "edgebox", Map.of(), List.of(https("https", "b.example.com", "b-tls"))),
                gateway("network", "gw", "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "le"), List.of(
                        https("nohost", null, "c-tls"),
                        listener("pass", "TLS", "d.example.com", "Passthrough", Map.of("name", "d-tls")),
                        listener("cm", "HTTPS", "e.example.com", "Terminate", Map.of("kind", "ConfigMap",
                                "name", "e-tls")),
                        listener("grp", "HTTPS", "f.example.com", "Terminate", Map.of("group", "example.com",
                                "name", "f-tls")),
                        listener("core", "HTTPS", "g.example.com", "Terminate", Map.of("group", "core",
                                "name", "g-tls")))));
        assertEquals(Set.of("network/g-tls"), plan.certificates().keySet());
        assertEquals(List.of(), plan.problems());
    }

    @Test
    void aBadAnnotationValueRefusesTheGatewaysCertificatesNamingTheAnnotation() {
        GatewayShim.Plan plan = derive(
                gateway("network", "bad", "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "le",
                        "cert-manager.io/duration", "soon"), List.of(https("a", "a.example.com", "a-tls"),
                                https("b", "b.example.com", "b-tls"))),
                gateway("network", "good", "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "le"), List.of(
                        https("c", "c.example.com", "c-tls"))));
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
            GatewayShim.Plan plan = derive(gateway("network", "gw", "edgebox", a, List.of(
                    https("a", "a.example.com", "a-tls"))));
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
    void anInvalidHostnameLeavesOutThatListenerOnly() {
        GatewayShim.Plan plan = derive(gateway("network", "gw", "edgebox", Map.of(GatewayShim.CLUSTER_ISSUER, "le"),
                List.of(https("a", "a..example.com", "a-tls"), https("b", "b.example.com", "b-tls"))));
        assertEquals(Set.of("network/b-tls"), plan.certificates().keySet());
        assertEquals(1, plan.problems().size(), plan.problems().toString());
        assertEquals("spec.listeners[0].hostname", plan.problems().get(0).field());
    }

    @Test
    void theAutoIssuerCoversListenersWhoseSecretNothingProvides() {
        Map<String, Map<String, Object>> gws = Map.of(
                "edgebox.proxy.gateway~network.plain", gateway("network", "plain", "edgebox", Map.of(), List.of(
                        https("own", "own.example.com", "own-tls"), https("cert", "cert.example.com", "cert-tls"),
                        https("none", "none.example.com", "none-tls"))),
                "edgebox.proxy.gateway~network.annotated", gateway("network", "annotated", "edgebox", Map.of(
                        GatewayShim.ISSUER, "ca"), List.of(https("own", "x.example.com", "x-tls"))));
        Map<String, Map<String, Object>> secrets = Map.of("edgebox.proxy.secret~network.own-tls",
                secret("network", "own-tls"), "edgebox.proxy.secret~network.x-tls", secret("network", "x-tls"));
        List<CertificateSpec> explicit = List.of(explicit("network", "cert", "cert-tls"));
        GatewayShim.Plan plan = derive(gws, secrets, explicit, "letsencrypt");
        assertEquals(Set.of("network/none-tls", "network/x-tls"), plan.certificates().keySet());
        assertEquals("ClusterIssuer/letsencrypt", plan.certificates().get("network/none-tls").spec().issuerKey());
        assertEquals("Issuer/network/ca", plan.certificates().get("network/x-tls").spec().issuerKey(),
                "an annotated Gateway issues for its Secret even when a TLS Secret exists, as cert-manager does");
        assertEquals(Set.of("network/x-tls"), derive(gws, secrets, explicit, "").certificates().keySet(),
                "no autoIssuer: annotated Gateways only");
    }

    @Test
    void anOpaqueSecretOfTheSameNameProvidesNoCertificate() {
        Map<String, Map<String, Object>> gws = Map.of("edgebox.proxy.gateway~network.plain", gateway("network",
                "plain", "edgebox", Map.of(), List.of(https("own", "own.example.com", "own-tls"))));
        Map<String, Object> opaque = new java.util.LinkedHashMap<>(secret("network", "own-tls"));
        opaque.put("type", "Opaque");
        assertEquals(Set.of("network/own-tls"), derive(gws, Map.of("edgebox.proxy.secret~network.own-tls", opaque),
                List.of(), "letsencrypt").certificates().keySet(), "the autoIssuer covers it");
        assertEquals(Set.of(), derive(gws, Map.of("edgebox.proxy.secret~network.own-tls",
                secret("network", "own-tls")), List.of(), "letsencrypt").certificates().keySet());
    }
}
