package edgebox.policy.engine;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import edgebox.api.config.FlatProperties;
import edgebox.api.net.Cidr;
import edgebox.objects.testing.YamlObjects;

/**
 * A {@link PolicyEngine} fed as Config Admin feeds it (flattened manifests), over a snapshot holding a web backend
 * (10.0.1.11:80, app=web) and an api backend (10.0.1.31:8080, app=api), compiled on the test's thread.
 */
public final class EngineFixture {

    public static final String FRONTEND_GROUP = """
            apiVersion: cilium.io/v2alpha1
            kind: CiliumCIDRGroup
            metadata:
              name: frontend
              labels: {app: frontend}
            spec:
              externalCIDRs: [172.16.1.96/27]
            """;

    public static final String SNAPSHOT = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: default}
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
            metadata: {name: api, namespace: default}
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

    public static final InetAddress WEB = Cidr.address("10.0.1.11");
    public static final InetAddress API = Cidr.address("10.0.1.31");
    public static final InetAddress FRONTEND_CLIENT = Cidr.address("172.16.1.100");
    public static final InetAddress OTHER_CLIENT = Cidr.address("172.16.1.20");

    public final List<String> lines = new ArrayList<>();
    public final PolicyEngine engine = new PolicyEngine(Executors.newSingleThreadScheduledExecutor(), 1,
            () -> Set.of(Cidr.address("127.0.0.1")), new VerdictLog(1000, System::nanoTime, lines::add));
    private int next;

    public EngineFixture() {
        engine.objects(YamlObjects.snapshot(SNAPSHOT));
    }

    /** Delivers each document of a YAML text as a new configuration; returns their PIDs. */
    public List<String> deliver(String yaml) {
        List<String> pids = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) document;
            String pid = "edgebox.policy.test~" + next++;
            engine.update(pid, FlatProperties.flatten(map));
            pids.add(pid);
        }
        engine.compile();
        return pids;
    }

    public DecisionPoint decisions() {
        return engine.decisionPoint();
    }

    public static int v4(InetAddress address) {
        return ByteBuffer.wrap(address.getAddress()).getInt();
    }
}
