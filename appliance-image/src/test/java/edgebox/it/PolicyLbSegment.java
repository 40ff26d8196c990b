package edgebox.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The load balancer's side of PolicyIT, set up as LbIT sets up its segment (needs root): a second box (features
 * core, l2, lb, policy) at 10.99.0.1 on a segment of namespaces, clients {@value #FRONTEND} (inside the CIDR group
 * {@code frontend}, labelled app: frontend) and {@value #WORLD} (in no group), and one DSR backend b1
 * ({@value #BACKEND}, holding the VIP on {@code lo}, running {@link LbBackendServer}). The Service {@code default/web}
 * (selector app: web) has the VIP {@value #VIP} on TCP 80, and the seed's allow-web protects it.
 * {@link #close()} stops the box and the backend and deletes the namespaces.
 */
final class PolicyLbSegment implements AutoCloseable {

    static final String VIP = "10.99.0.100";
    static final String FRONTEND = "10.99.0.10";
    static final String WORLD = "10.99.0.30";
    static final String BACKEND = "10.99.0.21";

    final Netns seg;
    String boxNs;
    String frontendNs;
    String worldNs;
    String backendNs;
    Box box;
    private NsProgram backend;

    private PolicyLbSegment(Netns seg) {
        this.seg = seg;
    }

    static PolicyLbSegment start(Path dir, String id) throws Exception {
        PolicyLbSegment s = new PolicyLbSegment(Netns.create(id));
        try {
            s.boxNs = s.seg.host("polbox", 1);
            s.frontendNs = s.seg.host("polfe", 10);
            s.worldNs = s.seg.host("polwd", 30);
            s.backendNs = s.seg.host("polb1", 21);
            for (String scope : List.of("all", "seg0")) {
                s.seg.sysctl(s.backendNs, "net.ipv4.conf." + scope + ".arp_ignore", "1");
                s.seg.sysctl(s.backendNs, "net.ipv4.conf." + scope + ".arp_announce", "2");
            }
            s.seg.exec(s.backendNs, "ip", "addr", "add", VIP + "/32", "dev", "lo");
            s.backend = NsProgram.start(s.backendNs, "PolicyIT-lb-b1", LbBackendServer.class, "b1", VIP);

            s.box = Box.create(dir, "PolicyIT-lb-box");
            s.box.writeCfg("edgebox.features", "boot = core,l2,lb,policy\n");
            s.box.writeCfg("edgebox.l2", "interfaces = seg0\n");
            s.box.writeCfg("edgebox.lb", "interfaces = seg0\ntableSize = 16381\n");
            Path manifests = s.box.home.resolve("etc/manifests");
            Files.deleteIfExists(manifests.resolve("demo.yaml"));
            Files.deleteIfExists(manifests.resolve("acme-pebble.yaml"));
            Files.writeString(manifests.resolve("lb.yaml"), manifest());
            s.box.startIn(s.boxNs).awaitReady();
            return s;
        } catch (Exception | AssertionError e) {
            s.close();
            throw e;
        }
    }

    private static String manifest() {
        return PolicyObjects.ALLOW_WEB + """
                ---
                apiVersion: cilium.io/v2alpha1
                kind: CiliumCIDRGroup
                metadata:
                  name: frontend
                  labels: {app: frontend}
                spec:
                  externalCIDRs: [10.99.0.8/29]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec:
                  type: LoadBalancer
                  loadBalancerIP: %s
                  selector: {app: web}
                  ports: [{name: http, port: 80, protocol: TCP}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: web-1
                  namespace: default
                  labels: {kubernetes.io/service-name: web}
                addressType: IPv4
                ports: [{name: http, port: 80, protocol: TCP}]
                endpoints: [{addresses: ["%s"], conditions: {ready: true}}]
                """.formatted(VIP, BACKEND);
    }

    /** One curl from {@code ns} to the VIP on a new connection, given {@code seconds} to finish. */
    Tools.Result curl(String ns, int seconds) throws Exception {
        return Tools.run(Duration.ofSeconds(seconds + 5), null, Netns.in(ns, "curl", "-sS", "--max-time",
                Integer.toString(seconds), "-H", "Connection: close", "http://" + VIP + "/"));
    }

    @Override
    public void close() throws Exception {
        if (box != null) {
            box.close();
        }
        if (backend != null) {
            backend.close();
        }
        seg.close();
    }
}
