package edgebox.l2.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import edgebox.api.config.ConfigProblem;

class PlanCompilerTest {

    final Map<String, Map<String, Object>> vips = new HashMap<>();
    final Map<String, Map<String, Object>> routers = new HashMap<>();
    final Map<String, Map<String, Object>> pools = new HashMap<>();
    final Map<String, Map<String, Object>> policies = new HashMap<>();
    final Map<String, Map<String, Object>> gateways = new HashMap<>();
    final Map<String, Map<String, Object>> services = new HashMap<>();

    L2Plan compile(String interfaces) {
        L2Settings s = Readers.settings(interfaces == null ? Map.of() : Map.of("interfaces", interfaces),
                Set.of("edgebox"));
        return PlanCompiler.compile(1, s, new Inputs(vips, routers, pools, policies, gateways, services));
    }

    static Announcement find(L2Plan plan, String ip) throws Exception {
        InetAddress a = InetAddress.getByName(ip);
        return plan.announcements().stream().filter(x -> x.address().equals(a)).findFirst().orElse(null);
    }

    @Test
    void gatewayAddressesOfOurClassAndStaticVipsAreAnnouncedOnTheDefaultInterfaces() throws Exception {
        gateways.put("edgebox.proxy.gateway~network.envoy-internal", Map.of("metadata.name", "envoy-internal",
                "metadata.namespace", "network", "spec.gatewayClassName", "edgebox",
                "spec.addresses.0.type", "IPAddress", "spec.addresses.0.value", "172.16.1.61"));
        gateways.put("edgebox.proxy.gateway~other.gw", Map.of("metadata.name", "gw", "metadata.namespace", "other",
                "spec.gatewayClassName", "cilium", "spec.addresses.0.value", "172.16.1.99"));
        vips.put("edgebox.l2.vip~dns", Map.of("address", "172.16.1.60"));
        L2Plan plan = compile("eth0|enp.*");
        assertEquals(List.of("Gateway network/envoy-internal"), find(plan, "172.16.1.61").sources());
        assertEquals("eth0|enp.*", find(plan, "172.16.1.61").interfaces());
        assertEquals("eth0|enp.*", find(plan, "172.16.1.60").interfaces());
        assertNull(find(plan, "172.16.1.99"), "another class's Gateway is not ours to announce");
        assertTrue(plan.problems().isEmpty(), plan.problems().toString());
    }

    @Test
    void loadBalancerServicesGetPoolIpsInNameOrderAndPoliciesChooseWhatIsAnnounced() throws Exception {
        pools.put("edgebox.l2.ippool~lan", Map.of("metadata.name", "lan", "spec.blocks.0.start", "172.16.1.60",
                "spec.blocks.0.stop", "172.16.1.62"));
        services.put("edgebox.proxy.service~a.fixed", Map.of("metadata.name", "fixed", "metadata.namespace", "a",
                "spec.type", "LoadBalancer", "spec.loadBalancerIP", "172.16.1.60"));
        services.put("edgebox.proxy.service~b.dns", Map.of("metadata.name", "dns", "metadata.namespace", "b",
                "metadata.labels.app", "dns", "spec.type", "LoadBalancer"));
        services.put("edgebox.proxy.service~c.web", Map.of("metadata.name", "web", "metadata.namespace", "c",
                "spec.type", "LoadBalancer"));
        services.put("edgebox.proxy.service~d.internal", Map.of("metadata.name", "internal", "metadata.namespace",
                "d", "spec.type", "ClusterIP"));
        L2Plan open = compile("eth0");
        assertEquals(List.of("Service b/dns"), find(open, "172.16.1.61").sources());
        assertEquals(List.of("Service c/web"), find(open, "172.16.1.62").sources());

        policies.put("edgebox.l2.policy~dns-only", Map.of("metadata.name", "dns-only",
                "spec.serviceSelector.matchLabels.app", "dns", "spec.interfaces.0", "^eth[0-9]+",
                "spec.loadBalancerIPs", true));
        L2Plan selected = compile("eth0");
        assertEquals("(?:^eth[0-9]+)", find(selected, "172.16.1.61").interfaces());
        assertNull(find(selected, "172.16.1.60"), "no policy selects a/fixed");
        assertNull(find(selected, "172.16.1.62"));

        services.put("edgebox.proxy.service~e.late", Map.of("metadata.name", "late", "metadata.namespace", "e",
                "spec.type", "LoadBalancer"));
        assertTrue(compile("eth0").problems().stream().anyMatch(p -> p.contains("Service e/late: no free IP")));
    }

    @Test
    void aRouterGovernsItsAddressesAndTheVipsInsideItsBlocksOnItsInterface() throws Exception {
        routers.put("edgebox.l2.vrrp~segment", Map.of("interface", "eth1", "vrid", "51", "priority", "150",
                "addresses", "172.16.1.60, 172.16.1.0/24", "advertIntervalMillis", "50"));
        vips.put("edgebox.l2.vip~web", Map.of("address", "172.16.1.61"));
        vips.put("edgebox.l2.vip~far", Map.of("address", "10.0.0.1", "interface", "eth2"));
        L2Plan plan = compile("eth0");
        assertEquals("segment", find(plan, "172.16.1.60").router());
        assertEquals("eth1", find(plan, "172.16.1.61").interfaces(), "the router's interface wins");
        assertEquals("segment", find(plan, "172.16.1.61").router());
        assertNull(find(plan, "10.0.0.1").router());
        assertEquals("eth2", find(plan, "10.0.0.1").interfaces());
        assertEquals(5, plan.routers().get(0).intervalCentis());
    }

    @Test
    void badInputsAreLeftOutWithTheirFieldAndTheRestCompiles() throws Exception {
        routers.put("edgebox.l2.vrrp~bad", Map.of("interface", "eth1", "vrid", "300", "addresses", "10.0.0.1"));
        vips.put("edgebox.l2.vip~name", Map.of("address", "vip.example"));
        vips.put("edgebox.l2.vip~ok", Map.of("address", "10.0.0.2"));
        L2Plan plan = compile(null);
        assertTrue(plan.problems().contains("edgebox.l2.vrrp~bad: vrid: 300 is out of range 1-255"),
                plan.problems().toString());
        assertTrue(plan.problems().stream().anyMatch(p -> p.startsWith("edgebox.l2.vip~name: address:")));
        assertTrue(plan.problems().stream().anyMatch(p -> p.startsWith("10.0.0.2") && p.contains("no interface")),
                plan.problems().toString());
    }

    @Test
    void checksNameTheFieldForTheConfigBundle() {
        List<ConfigProblem> p = Checks.check(Readers.VRRP_PID, Map.of("interface", "eth0", "vrid", "5",
                "addresses", "10.0.0.1, fd00::1"));
        assertEquals("addresses", p.get(0).field());
        assertTrue(p.get(0).reason().contains("mixes IPv4 and IPv6"));
        List<ConfigProblem> interval = Checks.check(Readers.VRRP_PID, Map.of("interface", "eth0", "vrid", "5",
                "addresses", "10.0.0.1", "advertIntervalMillis", "15"));
        assertEquals("advertIntervalMillis", interval.get(0).field());
        assertEquals("spec.blocks[0].cidr", Checks.check(Checks.POOL_PID, Map.of("metadata.name", "p",
                "spec.blocks.0.cidr", "10.0.0.0/40")).get(0).field());
        assertEquals("garpForm", Checks.check(Readers.SETTINGS_PID, Map.of("garpForm", "loud")).get(0).field());
        assertTrue(Checks.check(Readers.VIP_PID, Map.of("address", "fd99::100", "interface", "seg0")).isEmpty());
    }
}
