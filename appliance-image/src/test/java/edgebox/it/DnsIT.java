package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DNS feature in the built distribution (boot = core, proxy, dns), asked by dig and kdig on loopback: the demo
 * zone and one of the test's own, a route hostname from an HTTPRoute manifest, a rewrite, a blocked name, TCP, EDNS,
 * ANY and garbage; other names forwarded to a real Unbound started on loopback and cached (still answered once it is
 * gone).
 */
class DnsIT {

    static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static Box box;
    static Path key;
    static int port;
    static UnboundUpstream upstream;

    @BeforeAll
    static void start() throws Exception {
        box = Box.create(dir, "DnsIT");
        key = box.authorize(dir, "operator");
        upstream = UnboundUpstream.start(dir.resolve("unbound"), "www.upstream.test. 300 IN A 192.0.2.99",
                "big.upstream.test. 300 IN TXT \"forwarded\"");
        box.writeCfg("edgebox.dns.forward", "upstreams = 127.0.0.1:" + upstream.port + "\nserveStale = true\n");
        port = Box.freePort();
        int http = Box.freePort();
        box.writeCfg("edgebox.features", "boot = core,proxy,dns\n");
        box.writeCfg("edgebox.dns", "address = 127.0.0.1\nport = " + port + "\nqueryLog = on\n"
                + "gatewayDomains = it.test\nrecursionNetworks = 127.0.0.0/8\n");
        box.writeCfg("edgebox.dns.zone~it", "origin = zone.test.\nrecords = www 300 IN A 192.0.2.10, "
                + "alias 300 IN CNAME www, @ 300 IN MX 10 mail.zone.test.\n");
        box.writeCfg("edgebox.dns.rewrite~it", "domain = *.rw.test\nanswer = 192.0.2.77\n");
        Files.writeString(box.home.resolve("etc/blocked.txt"), "! test list\n||ads.test^\n0.0.0.0 tracker.test\n");
        box.writeCfg("edgebox.dns.blocklist~it", "file = etc/blocked.txt\nmode = nxdomain\n");
        Path manifests = box.home.resolve("etc/manifests");
        Files.deleteIfExists(manifests.resolve("demo.yaml"));
        Files.writeString(manifests.resolve("it.yaml"), """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: it}
                spec:
                  gatewayClassName: edgebox
                  addresses: [{type: IPAddress, value: 127.0.0.1}]
                  listeners: [{name: http, protocol: HTTP, port: %d}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: app, namespace: it}
                spec:
                  parentRefs: [{name: gw}]
                  hostnames: ["app.it.test", "*.wild.it.test"]
                  rules: [{matches: [{path: {type: PathPrefix, value: /}}]}]
                """.formatted(http));
        box.start().awaitReady();
        // the features install after "ready": wait until the route hostname and the test's zone both answer
        Tools.Result up = Tools.until(WITHIN, r -> r.out().trim().equals("127.0.0.1"),
                () -> dig("+short", "app.it.test", "A"));
        assertEquals("127.0.0.1", up.out().trim(), "the route hostname is served: " + up + "\n" + box.output());
        Tools.Result zone = Tools.until(WITHIN, r -> r.out().trim().equals("192.0.2.10"),
                () -> dig("+short", "www.zone.test", "A"));
        assertEquals("192.0.2.10", zone.out().trim(), "the zone is served: " + zone + "\n" + box.output());
    }

    @AfterAll
    static void stop() throws Exception {
        if (box != null) {
            box.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    static Tools.Result dig(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", Integer.toString(port), "+time=2",
                "+tries=1"));
        cmd.addAll(List.of(args));
        return Tools.run(Duration.ofSeconds(10), null, cmd.toArray(String[]::new));
    }

    static Tools.Result kdig(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kdig", "@127.0.0.1", "-p", Integer.toString(port), "+time=2",
                "+retry=0"));
        cmd.addAll(List.of(args));
        return Tools.run(Duration.ofSeconds(10), null, cmd.toArray(String[]::new));
    }

    static void contains(Tools.Result r, String... texts) {
        assertEquals(0, r.exit(), r.toString());
        for (String t : texts) {
            assertTrue(r.out().contains(t), "expected '" + t + "' in:\n" + r.out());
        }
    }

    @Test
    void zoneRecordsFromConfigurationAndTheDemoZone() throws Exception {
        contains(dig("www.zone.test", "A"), "status: NOERROR", "flags: qr aa rd", "192.0.2.10");
        contains(dig("alias.zone.test", "A"), "CNAME", "www.zone.test.", "192.0.2.10");
        contains(dig("zone.test", "MX"), "10 mail.zone.test.");
        contains(kdig("www.demo.localhost", "AAAA"), "NOERROR", "::1");
        contains(kdig("_http._tcp.demo.localhost", "SRV"), "0 5 8080 www.demo.localhost.");
    }

    @Test
    void nxdomainAndNodataCarryTheSoa() throws Exception {
        contains(dig("missing.zone.test", "A"), "status: NXDOMAIN", "AUTHORITY: 1", "SOA");
        contains(dig("www.zone.test", "TXT"), "status: NOERROR", "ANSWER: 0", "AUTHORITY: 1", "SOA");
        contains(kdig("missing.demo.localhost", "A"), "NXDOMAIN", "SOA");
    }

    @Test
    void routeHostnamesAnswerWithTheGatewayAddress() throws Exception {
        contains(dig("app.it.test", "A"), "status: NOERROR", "flags: qr aa rd", "127.0.0.1");
        contains(dig("x.y.wild.it.test", "A"), "127.0.0.1");
        contains(dig("app.it.test", "AAAA"), "status: NOERROR", "ANSWER: 0");
        contains(dig("nothing.it.test", "A"), "status: NXDOMAIN", "SOA");
    }

    @Test
    void rewritesAndBlocklists() throws Exception {
        contains(dig("host.rw.test", "A"), "status: NOERROR", "192.0.2.77");
        contains(dig("host.rw.test", "AAAA"), "status: NOERROR", "ANSWER: 0");
        contains(dig("x.ads.test", "A"), "status: NXDOMAIN");
        contains(kdig("tracker.test", "A"), "NXDOMAIN");
    }

    @Test
    void tcpEdnsAndAny() throws Exception {
        contains(dig("+tcp", "www.zone.test", "A"), "192.0.2.10");
        contains(kdig("+tcp", "+keepopen", "www.zone.test", "A", "app.it.test", "A"), "192.0.2.10", "127.0.0.1");
        contains(dig("+bufsize=4096", "www.zone.test", "A"), "EDNS: version: 0", "udp: 1232");
        contains(dig("www.zone.test", "ANY"), "HINFO", "RFC8482");
    }

    @Test
    void forwardedNamesComeFromTheUpstreamAndStayServedFromTheCacheWhenItIsGone() throws Exception {
        contains(dig("www.upstream.test", "A"), "status: NOERROR", "192.0.2.99");
        contains(dig("nothing.upstream.test", "A"), "status: NXDOMAIN", "upstream.test.");
        contains(kdig("+tcp", "big.upstream.test", "TXT"), "forwarded");
        upstream.close();
        Tools.Result stale = dig("www.upstream.test", "A");
        contains(stale, "status: NOERROR", "192.0.2.99");
        Tools.Result query = Tools.ssh(box.sshPort, key, "dns:query www.upstream.test A");
        assertTrue(query.out().toLowerCase().contains("forward") || query.out().toLowerCase().contains("cache"),
                query.toString());
    }

    @Test
    void garbageGetsFormerrAndTheServerKeepsServing() throws Exception {
        byte[] garbage = "\u00ab\u00cd\u0000\u0000\u0000\u0007not a DNS message at all".getBytes(
                StandardCharsets.ISO_8859_1);
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(3000);
            s.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(), port));
            byte[] buf = new byte[512];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            s.receive(reply);
            assertEquals(0xab, buf[0] & 0xff, "ID echoed");
            assertEquals(0xcd, buf[1] & 0xff, "ID echoed");
            assertEquals(1, buf[3] & 0x0f, "FORMERR");
        }
        contains(dig("www.zone.test", "A"), "192.0.2.10");
    }

    @Test
    void consoleShowsSourceAndReasonAndMetricsCountQueries() throws Exception {
        Tools.Result q = Tools.ssh(box.sshPort, key, "dns:query app.it.test A");
        assertEquals(0, q.exit(), q.toString());
        assertTrue(q.out().contains("source: gateway") && q.out().contains("HTTPRoute it/app"), q.out());
        Tools.Result r = Tools.ssh(box.sshPort, key, "dns:rewrites");
        assertTrue(r.out().contains("*.rw.test"), r.out());
        dig("www.zone.test", "A");
        Tools.Result m = Tools.curl("http://127.0.0.1:" + box.healthPort + "/metrics");
        assertTrue(m.out().contains("edgebox_dns_queries_total{rcode=\"NOERROR\",source=\"zone\"}"), m.out());
        assertTrue(box.output().contains("\"source\":\"zone\""), "the query log line is written");
    }
}
