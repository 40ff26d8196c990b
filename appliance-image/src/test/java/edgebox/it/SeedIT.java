package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed network's configuration ({@code config-admin/seed}, unchanged) on a copy of its segment made of network
 * namespaces: the box's {@code eth0} on 172.16.1.0/24 and a client beside it. The box must own and serve the seed's
 * addresses: ARP for .60, .61 and .62 answered with its MAC, DNS on .60, the internal gateway's HTTP on .61. Nothing
 * can leave the namespaces (they have no route elsewhere), so the seed's upstream resolvers are never reached.
 */
class SeedIT {

    static final Duration WITHIN = Duration.ofSeconds(20);
    static final Path SEED = Path.of(System.getProperty("edgebox.seed", "../config-admin/seed")).toAbsolutePath();

    @TempDir
    static Path dir;
    static String id;
    static String segment;
    static String boxNs;
    static String clientNs;
    static Box box;
    static String boxMac;
    static Path key;

    @BeforeAll
    static void start() throws Exception {
        id = Long.toString(ProcessHandle.current().pid() % 100_000, 36) + "s";
        segment = "ebs-" + id;
        boxNs = "ebseed-" + id;
        clientNs = "ebclient-" + id;
        try {
            Netns.ip("netns", "add", segment);
            Netns.ip("-n", segment, "link", "add", "br0", "type", "bridge", "stp_state", "0");
            Netns.ip("-n", segment, "link", "set", "br0", "up");
            join(boxNs, "eth0", "vbox" + id, "172.16.1.57/24");
            join(clientNs, "seg0", "vcli" + id, "172.16.1.20/24");
            boxMac = checked(boxNs, "cat", "/sys/class/net/eth0/address").out().trim().toLowerCase();
            box = Box.create(dir, "SeedIT");
            Path etc = box.home.resolve("etc");
            try (Stream<Path> old = Files.walk(etc)) {
                old.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(etc)).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
            Box.copyTree(SEED, etc);
            key = box.authorize(dir, "operator");
            box.startIn(boxNs).awaitReady();
        } catch (Exception | AssertionError e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (box != null && box.process() != null && box.process().isAlive()) {
            box.terminate(Duration.ofSeconds(20));
        }
        for (String ns : List.of(boxNs, clientNs, segment)) {
            Tools.run(Netns.IP_WITHIN, null, "ip", "netns", "del", ns);
        }
    }

    static void join(String ns, String inside, String port, String cidr) throws Exception {
        Netns.ip("netns", "add", ns);
        Netns.ip("-n", ns, "link", "set", "lo", "up");
        Netns.ip("link", "add", inside, "netns", ns, "type", "veth", "peer", "name", port, "netns", segment);
        Netns.ip("-n", segment, "link", "set", port, "master", "br0", "up");
        Netns.ip("-n", ns, "addr", "add", cidr, "dev", inside);
        Netns.ip("-n", ns, "link", "set", inside, "up");
    }

    static Tools.Result run(String ns, String... command) throws Exception {
        return Tools.run(WITHIN, null, Netns.in(ns, command));
    }

    /** Runs a command in {@code ns} that must succeed; fails naming it otherwise. */
    static Tools.Result checked(String ns, String... command) throws Exception {
        Tools.Result r = run(ns, command);
        if (r.exit() != 0) {
            throw new AssertionError("in " + ns + ": " + String.join(" ", command) + ": " + r);
        }
        return r;
    }

    @Test
    void theSeedAddressesAreAnsweredWithTheBoxsMacAndNoOthers() throws Exception {
        for (String vip : List.of("172.16.1.60", "172.16.1.61", "172.16.1.62", "172.16.1.64")) {
            Set<String> macs = Tools.until(WITHIN, m -> !m.isEmpty(), () -> Arping.macs(clientNs, vip));
            assertEquals(Set.of(boxMac), macs, vip + " is answered by the box alone\n" + box.output());
        }
        assertEquals(Set.of(), Arping.macs(clientNs, "172.16.1.63"),
                "an address of the segment that is not the seed's is left alone");
        assertEquals("1", checked(boxNs, "cat", "/proc/sys/net/ipv4/conf/eth0/arp_ignore").out().trim());
        Tools.Result lo = checked(boxNs, "ip", "-4", "addr", "show", "dev", "lo");
        assertTrue(lo.out().contains("172.16.1.61/32"), "a Gateway's VIP is the box's own: " + lo);
        assertFalse(lo.out().contains("172.16.1.64"), "the DSR Service's VIP is forwarded, not the box's: " + lo);
        Tools.Result blackhole = Tools.until(WITHIN, r -> r.out().contains("blackhole 172.16.1.64"),
                () -> checked(boxNs, "ip", "-4", "route", "show", "proto", "235"));
        assertTrue(blackhole.out().contains("blackhole 172.16.1.64"),
                "the box's kernel is kept off the DSR VIP: " + blackhole + "\n" + box.output());
    }

    @Test
    void theDnsAnswersOnItsVipAndTheInternalGatewayServesHttpOnItsOwn() throws Exception {
        Tools.Result dig = Tools.until(WITHIN, r -> r.out().trim().equals("172.16.1.10"), () -> run(clientNs,
                "dig", "+short", "+time=1", "+tries=1", "@172.16.1.60", "technitium.infra.ragas.cc", "A"));
        assertEquals("172.16.1.10", dig.out().trim(), dig + "\n" + box.output());

        Tools.Result http = Tools.until(WITHIN, r -> r.exit() == 0, () -> run(clientNs, "curl", "-sS",
                "--max-time", "2", "-o", "/dev/null", "-w", "%{http_code}", "http://172.16.1.61/"));
        assertEquals(0, http.exit(), http.toString());
        assertEquals("404", http.out().trim(), "the proxy answers on the internal gateway (no route for /): "
                + http);
    }

    @Test
    void theConsoleShowsTheSegmentRouterAsMasterAndTheVipsItOwns() throws Exception {
        List<String> ssh = Tools.sshBase(8101);
        ssh.addAll(List.of("-o", "IdentitiesOnly=yes", "-i", key.toString(), "edgebox@127.0.0.1"));
        // l2:vrrp is NAME VRID INTERFACE STATE ..., l2:vips ADDRESS INTERFACE ROUTER STATE ...
        Tools.Result vrrp = Tools.await(WITHIN, () -> "l2:vrrp shows the router segment as master\n" + box.output(),
                r -> L2IT.column(r.out(), "segment", 3).equals("master"), () -> run(boxNs, concat(ssh, "l2:vrrp")));
        assertEquals("60", L2IT.column(vrrp.out(), "segment", 1), "the router's VRID: " + vrrp);
        Tools.Result vips = run(boxNs, concat(ssh, "l2:vips"));
        for (String vip : List.of("172.16.1.60", "172.16.1.61", "172.16.1.62")) {
            assertEquals("master", L2IT.column(vips.out(), vip, 3), vip + " in l2:vips: " + vips);
        }
        assertTrue(vips.out().contains("Gateway network/envoy-internal"), "the Gateway is named as a source: " + vips);
    }

    @Test
    void theWildcardCertificateIsInTheAcmeFunctionsHandsWithItsIssuer() throws Exception {
        List<String> ssh = Tools.sshBase(8101);
        ssh.addAll(List.of("-o", "IdentitiesOnly=yes", "-i", key.toString(), "edgebox@127.0.0.1"));
        // nothing leaves the namespaces and the Cloudflare token is the operator's: known, never issued here
        Tools.Result certs = Tools.await(WITHIN, () -> "acme:certs shows network/wildcard-ragas-cc",
                r -> r.out().contains("network/wildcard-ragas-cc"), () -> run(boxNs, concat(ssh, "acme:certs")));
        assertTrue(certs.out().contains("letsencrypt-production"), certs.toString());
    }

    static String[] concat(List<String> head, String last) {
        List<String> all = new java.util.ArrayList<>(head);
        all.add(last);
        return all.toArray(String[]::new);
    }
}
