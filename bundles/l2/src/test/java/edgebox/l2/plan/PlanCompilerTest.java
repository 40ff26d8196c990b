package edgebox.l2.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.FlatProperties;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.Service;
import edgebox.l2.vrrp.RouterSettings;
import edgebox.objects.testing.YamlObjects;

class PlanCompilerTest {

    /** Gateway network/envoy-internal on 172.16.1.50, served; a pool of .60-.62; LoadBalancer Services. */
    static final String CLUSTER = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: envoy-internal, namespace: network}
            spec:
              gatewayClassName: edgebox
              addresses: [{type: IPAddress, value: 172.16.1.50}]
              listeners: [{name: http, port: 80, protocol: HTTP}]
            ---
            apiVersion: cilium.io/v2alpha1
            kind: CiliumLoadBalancerIPPool
            metadata: {name: lan}
            spec:
              blocks: [{start: 172.16.1.60, stop: 172.16.1.62}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: fixed, namespace: a}
            spec: {type: LoadBalancer, loadBalancerIP: 172.16.1.60, ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: dns, namespace: b, labels: {app: dns}}
            spec: {type: LoadBalancer, ports: [{port: 53, protocol: UDP}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: c}
            spec: {type: LoadBalancer, externalIPs: [172.16.1.80], ports: [{port: 443}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: internal, namespace: d}
            spec: {type: ClusterIP, externalIPs: [172.16.1.81], ports: [{port: 80}]}
            """;

    final ParsedConfigs<Announcement> vips = new ParsedConfigs<>(VipsAndRouters::vip);
    final ParsedConfigs<RouterSettings> routers = new ParsedConfigs<>(VipsAndRouters::router);
    final ParsedConfigs<Policy> policies = new ParsedConfigs<>(Policy::read);

    L2Plan compile(String interfaces, ObjectSnapshot objects) {
        L2Settings s = L2Settings.of(interfaces, 3, 100, 0, "both", true);
        List<String> refused = new ArrayList<>(vips.problems());
        refused.addAll(routers.problems());
        refused.addAll(policies.problems());
        return PlanCompiler.compile(1, s, new Inputs(vips.records(), routers.records(), policies.records(), refused),
                objects);
    }

    L2Plan compile(String interfaces, String yaml) {
        return compile(interfaces, YamlObjects.snapshot(yaml));
    }

    /** A CiliumL2AnnouncementPolicy as its manifest handler stores it: flattened. */
    void policy(String yaml) {
        Map<String, Object> object = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        policies.update(Policy.PID + "~" + ((Map<?, ?>) object.get("metadata")).get("name"),
                FlatProperties.flatten(object));
    }

    static Announcement find(L2Plan plan, String ip) throws Exception {
        return find(plan, InetAddress.getByName(ip));
    }

    static Announcement find(L2Plan plan, InetAddress a) {
        return plan.announcements().stream().filter(x -> x.address().equals(a)).findFirst().orElse(null);
    }

    static Service service(ObjectSnapshot objects, String key) {
        return objects.services().stream().filter(s -> s.meta().key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void gatewayAddressesOfServedGatewaysAndStaticVipsAreAnnouncedOnTheDefaultInterfaces() throws Exception {
        vips.update("edgebox.l2.vip~dns", Map.of("address", "172.16.1.60"));
        L2Plan plan = compile("eth0|enp.*", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: envoy-internal, namespace: network}
                spec:
                  gatewayClassName: edgebox
                  addresses: [{type: IPAddress, value: 172.16.1.61}, {value: "fd99::61"}]
                  listeners: [{name: http, port: 80, protocol: HTTP}]
                """);
        assertEquals(List.of("Gateway network/envoy-internal"), find(plan, "172.16.1.61").sources());
        assertEquals("eth0|enp.*", find(plan, "172.16.1.61").interfaces());
        assertEquals(List.of("Gateway network/envoy-internal"), find(plan, "fd99::61").sources());
        assertEquals(List.of("edgebox.l2.vip~dns"), find(plan, "172.16.1.60").sources());
        assertEquals("eth0|enp.*", find(plan, "172.16.1.60").interfaces());
        assertTrue(plan.problems().isEmpty(), plan.problems().toString());
    }

    @Test
    void aGatewayNotServedIsNotAnnouncedNorOneWithoutAddresses() throws Exception {
        L2Plan plan = compile("eth0", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: other}
                spec:
                  gatewayClassName: cilium
                  addresses: [{type: IPAddress, value: 172.16.1.99}]
                  listeners: [{name: http, port: 80, protocol: HTTP}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: local, namespace: network}
                spec:
                  gatewayClassName: edgebox
                  listeners: [{name: http, port: 8080, protocol: HTTP}]
                """);
        assertNull(find(plan, "172.16.1.99"), "another class's Gateway is not ours to announce");
        assertEquals(List.of(), plan.announcements(), "a Gateway without addresses binds the default address, "
                + "which is not announced");
    }

    @Test
    void loadBalancerServicesAreAnnouncedWithTheAddressesTheSnapshotGaveThem() throws Exception {
        ObjectSnapshot objects = YamlObjects.snapshot(CLUSTER);
        L2Plan plan = compile("eth0", objects);
        assertEquals(List.of("Service a/fixed"), find(plan, "172.16.1.60").sources());
        List<InetAddress> allocated = objects.loadBalancerAddresses(service(objects, "b/dns"));
        assertEquals(1, allocated.size(), "the pool gives b/dns an address");
        assertTrue(List.of(InetAddress.getByName("172.16.1.61"), InetAddress.getByName("172.16.1.62"))
                .contains(allocated.get(0)), allocated.toString());
        assertEquals(List.of("Service b/dns"), find(plan, allocated.get(0)).sources());
        assertEquals("eth0", find(plan, allocated.get(0)).interfaces());
        InetAddress web = objects.loadBalancerAddresses(service(objects, "c/web")).get(0);
        assertEquals(List.of("Service c/web"), find(plan, web).sources());
        assertEquals(List.of("Service c/web (externalIPs)"), find(plan, "172.16.1.80").sources());
        assertNull(find(plan, "172.16.1.81"), "a ClusterIP Service's externalIPs are not a LoadBalancer's");
        assertEquals(List.of("Gateway network/envoy-internal"), find(plan, "172.16.1.50").sources());
        assertEquals(5, plan.announcements().size(), plan.announcements().toString());
    }

    @Test
    void theVipOfAServiceTheLoadBalancerForwardsIsAnnouncedButNotTheBoxsOwn() throws Exception {
        ObjectSnapshot objects = YamlObjects.snapshot(CLUSTER + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: tcp, namespace: e, annotations: {edgebox.io/lb-mode: proxy}}
                spec: {type: LoadBalancer, loadBalancerIP: 172.16.1.90, ports: [{port: 22}]}
                """);
        L2Plan plan = compile("eth0", objects);
        assertFalse(find(plan, "172.16.1.60").served(), "a/fixed is balanced by DSR: its VIP stays off lo");
        assertFalse(find(plan, "172.16.1.80").served(), "so are its externalIPs");
        assertTrue(find(plan, "172.16.1.90").served(), "lb-mode proxy: the box's sockets take it");
        assertTrue(find(plan, "172.16.1.50").served(), "a Gateway's address is the proxy's");
    }

    @Test
    void policiesChooseWhatIsAnnouncedAndWhereByLabelsAsCiliumSetsThem() throws Exception {
        policy("""
                metadata: {name: dns-only}
                spec:
                  serviceSelector: {matchLabels: {app: dns}}
                  interfaces: ["^eth[0-9]+"]
                  loadBalancerIPs: true
                """);
        policy("""
                metadata: {name: web-external}
                spec:
                  serviceSelector:
                    matchExpressions: [{key: io.kubernetes.service.name, operator: In, values: [web]}]
                  externalIPs: true
                """);
        policy("""
                metadata: {name: gateway}
                spec:
                  serviceSelector: {matchLabels: {gateway.networking.k8s.io/gateway-name: envoy-internal}}
                  loadBalancerIPs: true
                """);
        ObjectSnapshot objects = YamlObjects.snapshot(CLUSTER);
        L2Plan plan = compile("eth0", objects);
        InetAddress dns = objects.loadBalancerAddresses(service(objects, "b/dns")).get(0);
        assertEquals("(?:^eth[0-9]+)", find(plan, dns).interfaces());
        assertEquals("(?:eth0)", find(plan, "172.16.1.80").interfaces(), "a policy without interfaces: the "
                + "edgebox.l2 ones");
        assertEquals("(?:eth0)", find(plan, "172.16.1.50").interfaces());
        assertNull(find(plan, "172.16.1.60"), "no policy selects a/fixed");
        assertNull(find(plan, objects.loadBalancerAddresses(service(objects, "c/web")).get(0)),
                "c/web's policy announces its externalIPs only");
        assertEquals(3, plan.announcements().size(), plan.announcements().toString());
        assertTrue(plan.problems().isEmpty(), plan.problems().toString());
    }

    @Test
    void aRouterGovernsItsAddressesAndTheVipsInsideItsBlocksOnItsInterface() throws Exception {
        routers.update("edgebox.l2.vrrp~segment", Map.of("interface", "eth1", "vrid", "51", "priority", "150",
                "addresses", "172.16.1.60, 172.16.1.0/24", "advertIntervalMillis", "50"));
        vips.update("edgebox.l2.vip~web", Map.of("address", "172.16.1.61"));
        vips.update("edgebox.l2.vip~far", Map.of("address", "10.0.0.1", "interface", "eth2"));
        L2Plan plan = compile("eth0", "");
        assertEquals("segment", find(plan, "172.16.1.60").router());
        assertEquals("eth1", find(plan, "172.16.1.61").interfaces(), "the router's interface wins");
        assertEquals("segment", find(plan, "172.16.1.61").router());
        assertNull(find(plan, "10.0.0.1").router());
        assertEquals("eth2", find(plan, "10.0.0.1").interfaces());
        assertEquals(5, plan.routers().get(0).intervalCentis());
    }

    @Test
    void aSecondRouterWithTheSameVridOnTheSameInterfaceAndFamilyIsLeftOut() {
        routers.update("edgebox.l2.vrrp~a", Map.of("interface", "eth1", "vrid", "51", "addresses", "10.0.0.1"));
        routers.update("edgebox.l2.vrrp~b", Map.of("interface", "eth1", "vrid", "51", "addresses", "10.0.0.2"));
        routers.update("edgebox.l2.vrrp~c", Map.of("interface", "eth1", "vrid", "51", "addresses", "fd00::2"));
        L2Plan plan = compile("eth0", "");
        assertEquals(List.of("a", "c"), plan.routers().stream().map(RouterSettings::name).toList());
        assertEquals(List.of("edgebox.l2.vrrp~b: vrid: 51 is already used on eth1 for this address family; left out"),
                plan.problems());
    }

    @Test
    void refusedConfigurationsAreReportedWithTheirFieldAndTheRestCompiles() throws Exception {
        routers.update("edgebox.l2.vrrp~bad", Map.of("interface", "eth1", "vrid", "300", "addresses", "10.0.0.1"));
        vips.update("edgebox.l2.vip~name", Map.of("address", "vip.example"));
        vips.update("edgebox.l2.vip~ok", Map.of("address", "10.0.0.2"));
        L2Plan plan = compile(null, "");
        assertTrue(plan.problems().contains("edgebox.l2.vrrp~bad: vrid: 300 is out of range 1-255; refused"),
                plan.problems().toString());
        assertTrue(plan.problems().stream().anyMatch(p -> p.startsWith("edgebox.l2.vip~name: address:")));
        assertTrue(plan.problems().stream().anyMatch(p -> p.startsWith("10.0.0.2") && p.contains("no interface")),
                plan.problems().toString());
        assertEquals(List.of(InetAddress.getByName("10.0.0.2")),
                plan.announcements().stream().map(Announcement::address).toList());
    }

    @Test
    void checksNameTheFieldForTheConfigBundle() {
        List<ConfigProblem> p = Checks.check(VipsAndRouters.VRRP_PID, Map.of("interface", "eth0", "vrid", "5",
                "addresses", "10.0.0.1, fd00::1"));
        assertEquals("addresses", p.get(0).field());
        assertTrue(p.get(0).reason().contains("mixes IPv4 and IPv6"));
        List<ConfigProblem> interval = Checks.check(VipsAndRouters.VRRP_PID, Map.of("interface", "eth0", "vrid", "5",
                "addresses", "10.0.0.1", "advertIntervalMillis", "15"));
        assertEquals("advertIntervalMillis", interval.get(0).field());
        assertEquals("spec.serviceSelector.matchExpressions[0].operator", Checks.check(Policy.PID, Map.of(
                "metadata.name", "p", "spec.serviceSelector.matchExpressions.0.key", "app",
                "spec.serviceSelector.matchExpressions.0.operator", "Equals")).get(0).field());
        assertEquals("spec.interfaces[1]", Checks.check(Policy.PID, Map.of("metadata.name", "p",
                "spec.interfaces.0", "eth0", "spec.interfaces.1", "eth[")).get(0).field());
        assertTrue(Checks.check(VipsAndRouters.VIP_PID, Map.of("address", "fd99::100", "interface", "seg0")).isEmpty());
    }
}
