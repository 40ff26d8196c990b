package edgebox.policy.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import edgebox.api.net.Cidr;
import edgebox.objects.testing.YamlObjects;
import edgebox.policy.SeedPolicies;
import edgebox.policy.model.Policy;
import edgebox.policy.parse.Parsed;
import edgebox.policy.parse.PolicyObjects;

/** The seed's allow-web, read as written, selects the seed's web backends and nothing else. */
class AllowWebTest {

    static IdentitySelector endpointSelector(String yaml) {
        @SuppressWarnings("unchecked")
        Parsed<?> parsed = PolicyObjects.parse((Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(yaml));
        assertEquals(List.of(), parsed.problems());
        return IdentitySelector.of(((Policy) parsed.value()).rules().get(0).endpointSelector());
    }

    @Test
    void selectsTheWebBackendsOfItsOwnNamespaceOnly() {
        Destinations d = Destinations.of(YamlObjects.snapshot(DestinationsTest.WEB + "---\n"
                + DestinationsTest.service("api", "2026-01-02T00:00:00Z", "selector: {app: api}", "\"10.0.1.31\"")
                + """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: staging}
                spec:
                  selector: {app: web}
                  ports: [{port: 80, protocol: TCP}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: web-1, namespace: staging, labels: {kubernetes.io/service-name: web}}
                addressType: IPv4
                endpoints: [{addresses: ["10.0.5.11"]}]
                """));
        IdentitySelector allowWeb = endpointSelector(SeedPolicies.ALLOW_WEB);
        assertTrue(allowWeb.selects(d.labelsOf(Cidr.address("10.0.1.11"))));
        assertTrue(allowWeb.selects(d.labelsOf(Cidr.address("10.0.1.12"))));
        assertFalse(allowWeb.selects(d.labelsOf(Cidr.address("10.0.1.31"))), "app: api");
        assertFalse(allowWeb.selects(d.labelsOf(Cidr.address("10.0.5.11"))), "web in another namespace");
        assertFalse(allowWeb.selects(Identity.HOST));
        assertFalse(allowWeb.selects(Identity.WORLD));
    }
}
