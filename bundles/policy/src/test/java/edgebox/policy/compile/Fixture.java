package edgebox.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import edgebox.api.net.Cidr;
import edgebox.objects.testing.YamlObjects;
import edgebox.policy.SeedPolicies;
import edgebox.policy.identity.Destinations;
import edgebox.policy.identity.Identity;
import edgebox.policy.model.CidrGroup;
import edgebox.policy.model.Policy;
import edgebox.policy.model.PolicyObject;
import edgebox.policy.parse.Parsed;
import edgebox.policy.parse.PolicyObjects;

/** Policies and CIDR groups read from YAML, compiled against a snapshot holding the seed's web Service. */
public final class Fixture {

    public static final String FRONTEND_GROUP = """
            apiVersion: cilium.io/v2alpha1
            kind: CiliumCIDRGroup
            metadata:
              name: frontend
              labels: {app: frontend}
            spec:
              externalCIDRs: [172.16.1.96/27, "fd00:1::/64"]
            """;

    public static final String SNAPSHOT = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: default, creationTimestamp: "2026-01-01T00:00:00Z"}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, protocol: TCP}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: web-1, namespace: default, labels: {kubernetes.io/service-name: web}}
            addressType: IPv4
            ports: [{name: http, port: 80, protocol: TCP}]
            endpoints: [{addresses: ["10.0.1.11"]}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: default, creationTimestamp: "2026-01-02T00:00:00Z"}
            spec:
              selector: {app: api}
              ports: [{name: http, port: 8080, protocol: TCP}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: api-1, namespace: default, labels: {kubernetes.io/service-name: api}}
            addressType: IPv4
            ports: [{name: http, port: 8080, protocol: TCP}]
            endpoints: [{addresses: ["10.0.1.31"]}]
            """;

    static final Destinations DESTINATIONS = Destinations.of(YamlObjects.snapshot(SNAPSHOT));
    static final Identity WEB = DESTINATIONS.labelsOf(Cidr.address("10.0.1.11"));
    static final Identity API = DESTINATIONS.labelsOf(Cidr.address("10.0.1.31"));

    private Fixture() {
    }

    /** Compiles the policies and CIDR groups of a multi-document YAML text. */
    static PolicyTable compile(String yaml) {
        List<Policy> policies = new ArrayList<>();
        List<CidrGroup> groups = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            @SuppressWarnings("unchecked")
            Parsed<PolicyObject> parsed = PolicyObjects.parse((Map<String, Object>) document);
            assertEquals(List.of(), parsed.problems());
            switch (parsed.value()) {
                case Policy p -> policies.add(p);
                case CidrGroup g -> groups.add(g);
            }
        }
        return PolicyCompiler.compile(policies, groups, DESTINATIONS);
    }

    static int v4(String address) {
        byte[] b = Cidr.address(address).getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
    }

    static InetAddress address(String text) {
        return Cidr.address(text);
    }
}
