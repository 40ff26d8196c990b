package edgebox.policy.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.api.net.Cidr;
import edgebox.policy.model.CidrGroup;

class CidrGroupTest {

    @Test
    void labelsAndExternalCidrs() {
        CidrGroup g = Manifests.group("""
                apiVersion: cilium.io/v2alpha1
                kind: CiliumCIDRGroup
                metadata:
                  name: office
                  labels: {app: frontend}
                spec:
                  externalCIDRs: [172.16.10.0/24, "fd10::/64"]
                """);
        assertEquals(new CidrGroup("office", Map.of("app", "frontend"),
                List.of(Cidr.parse("172.16.10.0/24"), Cidr.parse("fd10::/64"))), g);
        assertEquals("CiliumCIDRGroup office", g.displayName());
    }

    @Test
    void refusals() {
        assertEquals(List.of("CiliumCIDRGroup office: spec.externalCIDRs: is required: the client networks of the"
                + " group"), Manifests.refused("""
                apiVersion: cilium.io/v2alpha1
                kind: CiliumCIDRGroup
                metadata: {name: office}
                """));
        assertEquals(List.of("CiliumCIDRGroup office: spec.other: unknown field", "CiliumCIDRGroup office:"
                + " spec.externalCIDRs[1]: \"10.0.0.0/40\": the prefix length must be 0 to 32"), Manifests.refused("""
                apiVersion: cilium.io/v2alpha1
                kind: CiliumCIDRGroup
                metadata: {name: office}
                spec: {externalCIDRs: [10.1.0.0/16, 10.0.0.0/40], other: 1}
                """));
    }
}
