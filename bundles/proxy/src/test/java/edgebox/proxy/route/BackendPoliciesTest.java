package edgebox.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import edgebox.objects.testing.TestCertificates;

/** BackendTLSPolicy in the compiler: which policy covers a Service port, conflicts, and the policy's status. */
class BackendPoliciesTest {

    private static final String CA = TestCertificates.make(TestCertificates.Kind.EC, "ca.test").certificatePem()
            .strip().replace("\n", "\n    ");

    private static String policy(String name, String created, String section, String caName) {
        return """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: BackendTLSPolicy
                metadata: {name: %s, namespace: infra, creationTimestamp: "%s"}
                spec:
                  targetRefs: [{group: "", kind: Service, name: v1%s}]
                  validation: {caCertificateRefs: [{kind: ConfigMap, name: %s}], hostname: v1.infra.test}
                """.formatted(name, created, section.isEmpty() ? "" : ", sectionName: " + section, caName);
    }

    private static final String ROUTE_AND_CA = """
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: r, namespace: infra}
            spec:
              parentRefs: [{name: gw}]
              rules: [{backendRefs: [{name: v1, port: 8080}, {name: v2, port: 8080}]}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: ca, namespace: infra}
            data:
              ca.crt: |
                %s
            """.formatted(CA);

    private static Cluster cluster(Compiler.Compilation c, String name) {
        return c.snapshot().clusters().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no cluster " + name));
    }

    private static Status.PolicyStatus status(Compiler.Compilation c, String key) {
        return c.snapshot().status().policies().stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no policy " + key));
    }

    @Test
    void theOlderPolicyOnAPortWinsAndTheOtherIsConflicted() {
        Compiler.Compilation c = Fixtures.compile(Fixtures.INFRA + ROUTE_AND_CA
                + policy("young", "2024-02-01T00:00:00Z", "http", "ca")
                + policy("old", "2024-01-01T00:00:00Z", "http", "ca"));
        BackendTls tls = cluster(c, "infra/v1:8080").tls();
        assertEquals("infra/old", tls.policy());
        assertEquals("v1.infra.test", tls.hostname());
        assertEquals(java.util.List.of("v1.infra.test"), tls.dnsNames());
        assertTrue(tls.usable());
        assertNull(cluster(c, "infra/v2:8080").tls(), "a Service without a policy stays plaintext");
        assertFalse(cluster(c, "infra/v1:8080").h2c());
        Status.Condition young = Fixtures.condition(status(c, "infra/young").conditions(), "Accepted");
        assertEquals("Conflicted", young.reason());
        assertFalse(young.status());
        assertTrue(Fixtures.condition(status(c, "infra/old").conditions(), "Accepted").status());
    }

    @Test
    void aPortPolicyWinsOverAWholeServicePolicy() {
        Compiler.Compilation c = Fixtures.compile(Fixtures.INFRA + ROUTE_AND_CA
                + policy("whole", "2024-01-01T00:00:00Z", "", "ca")
                + policy("port", "2024-02-01T00:00:00Z", "http", "ca"));
        assertEquals("infra/port", cluster(c, "infra/v1:8080").tls().policy());
        assertTrue(Fixtures.condition(status(c, "infra/whole").conditions(), "Accepted").status());
    }

    @Test
    void aMissingCaBundleFailsTheConnectionsAndSaysWhy() {
        Compiler.Compilation c = Fixtures.compile(Fixtures.INFRA + ROUTE_AND_CA
                + policy("p", "2024-01-01T00:00:00Z", "", "missing"));
        BackendTls tls = cluster(c, "infra/v1:8080").tls();
        assertFalse(tls.usable(), "never plaintext: the connections fail");
        assertTrue(tls.problem().contains("ConfigMap infra/missing not found"), tls.problem());
        Status.Condition accepted = Fixtures.condition(status(c, "infra/p").conditions(), "Accepted");
        assertEquals("NoValidCACertificate", accepted.reason());
        assertEquals("InvalidCACertificateRef",
                Fixtures.condition(status(c, "infra/p").conditions(), "ResolvedRefs").reason());
    }

    @Test
    void aTargetThatIsNotThereIsReported() {
        Compiler.Compilation c = Fixtures.compile(Fixtures.INFRA + ROUTE_AND_CA
                + policy("p", "2024-01-01T00:00:00Z", "nope", "ca"));
        Status.Condition accepted = Fixtures.condition(status(c, "infra/p").conditions(), "Accepted");
        assertEquals("TargetNotFound", accepted.reason());
        assertTrue(accepted.message().contains("has no port named nope"), accepted.message());
        assertNull(cluster(c, "infra/v1:8080").tls());
    }
}
