package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DSR load balancer (features l2 and lb) on a segment of network namespaces (needs root): the box 10.99.0.1, the
 * client 10.99.0.10 and three backends b1..b3 (10.99.0.21..23) on one bridge. The Service {@code lbit/web} has the
 * VIP 10.99.0.100 with HTTP on TCP 80 (health checked with GET / every 500 ms, out after 2 failures, back after 2
 * passes) and a UDP echo on 9. Each backend holds the VIP on {@code lo} with arp_ignore=1 and arp_announce=2 and
 * runs {@link LbBackendServer}; the client runs curl and {@link LbClient}; the l2 feature answers ARP for the VIP.
 * Two more Services are wrong on purpose: {@code lbit/empty} (10.99.0.103) has no endpoints and {@code lbit/clash}
 * takes port 80 of 10.99.0.101, where the Gateway {@code lbit/gw} listens. The tests share one box and run in order;
 * each puts back what it changed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LbIT {

    static final String VIP = "10.99.0.100";
    static final String CLIENT_IP = "10.99.0.10";
    static final String WEB = VIP + ":80/TCP";
    static final List<String> NAMES = List.of("b1", "b2", "b3");
    static final Duration WITHIN = Duration.ofSeconds(20);
    static final Duration HEALTH_INTERVAL = Duration.ofMillis(500);
    static final int UNHEALTHY_THRESHOLD = 2;
    static final Pattern SLOTS = Pattern.compile("^\\s+(10\\.99\\.0\\.\\d+):80\\s+\\d+\\s+(\\d+)\\s", Pattern.MULTILINE);

    @TempDir
    static Path dir;
    static Netns seg;
    static Box box;
    static Path key;
    static String boxNs;
    static String boxMac;
    static String clientNs;
    static String clientMac;
    static NsProgram client;
    static final Map<String, String> backendNs = new LinkedHashMap<>();
    static final Map<String, NsProgram> backends = new LinkedHashMap<>();

    @BeforeAll
    static void segment() throws Exception {
        seg = Netns.create("lb" + ProcessHandle.current().pid());
        boxNs = seg.host("lbx", 1);
        clientNs = seg.host("lbc", 10);
        boxMac = seg.mac(boxNs);
        clientMac = seg.mac(clientNs);
        for (int i = 0; i < NAMES.size(); i++) {
            String name = NAMES.get(i);
            String ns = seg.host("lb" + name, 21 + i);
            backendNs.put(name, ns);
            for (String scope : List.of("all", "seg0")) {
                seg.sysctl(ns, "net.ipv4.conf." + scope + ".arp_ignore", "1");
                seg.sysctl(ns, "net.ipv4.conf." + scope + ".arp_announce", "2");
            }
            seg.exec(ns, "ip", "addr", "add", VIP + "/32", "dev", "lo");
            backends.put(name, NsProgram.start(ns, "LbIT-" + name, LbBackendServer.class, name, VIP));
        }
        client = NsProgram.start(clientNs, "LbIT-client", LbClient.class, VIP);

        box = Box.create(dir.resolve("box"), "LbIT-box");
        key = box.authorize(dir, "operator");
        box.writeCfg("edgebox.features", "boot = core,l2,lb\n");
        box.writeCfg("edgebox.l2", "interfaces = seg0\n");
        box.writeCfg("edgebox.lb", "interfaces = seg0\ntableSize = 16381\n");
        writeManifest(List.of("10.99.0.21", "10.99.0.22", "10.99.0.23"));
        box.startIn(boxNs).awaitReady();
        for (String name : NAMES) {
            awaitBackend(name, "active", "up");
        }
        Tools.await(WITHIN, () -> "curl from the client reaches the VIP; " + diagnosis(), r -> r.exit() == 0,
                () -> seg.execAny(clientNs, "curl", "-sS", "-f", "--max-time", "2", "http://" + VIP + "/"));
    }

    @AfterAll
    static void teardown() throws Exception {
        for (NsProgram p : backends.values()) {
            p.close();
        }
        if (client != null) {
            client.close();
        }
        if (box != null) {
            box.close();
        }
        if (seg != null) {
            seg.close();
        }
    }

    /**
     * 300 connections (curl, one process, {@code Connection: close}): each backend's count is within 4 standard
     * deviations of its Maglev share of them (binomial; about 100 +- 33 for an equal third), so a fair spread fails
     * about once in 10^4 runs while a backend left out or doubled fails always.
     */
    @Test
    @Order(1)
    void manyConnectionsSpreadOverTheBackendsByTheirMaglevShares() throws Exception {
        int n = 300;
        Map<String, Integer> got = spread(n);
        Map<String, Integer> slots = slots();
        int size = slots.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("LbIT: " + n + " connections " + got + ", Maglev slots " + slots);
        assertEquals(Set.of("10.99.0.21", "10.99.0.22", "10.99.0.23"), slots.keySet(), "lb:maglev's backends");
        for (int i = 0; i < NAMES.size(); i++) {
            double p = slots.get("10.99.0.2" + (i + 1)) / (double) size;
            double mean = n * p;
            double tolerance = 4 * Math.sqrt(n * p * (1 - p));
            int count = got.getOrDefault(NAMES.get(i), 0);
            assertTrue(Math.abs(count - mean) <= tolerance, NAMES.get(i) + " took " + count + " of " + n
                    + " connections, expected " + mean + " +- " + tolerance + "; all: " + got);
        }
    }

    /** 50 requests on one kept-alive connection, and 20 on curl's reused one, each meet a single backend. */
    @Test
    @Order(2)
    void everyPacketOfAFlowReachesOneBackend() throws Exception {
        String[] conn = open();
        for (int i = 0; i < 50; i++) {
            assertEquals("name " + conn[3], client.ask("get " + conn[0], WITHIN),
                    "request " + i + " on connection " + conn[0] + " from port " + conn[2]);
        }
        Tools.Result r = seg.execAny(clientNs, "curl", "-sS", "-f", "--max-time", "20",
                "http://" + VIP + "/[1-20]");
        assertEquals(0, r.exit(), "curl with 20 URLs on one connection: " + r);
        List<String> names = r.out().lines().toList();
        assertEquals(20, names.size(), r.out());
        assertEquals(1, Set.copyOf(names).size(), "one connection, one backend: " + names);
    }

    /** tshark in the box's namespace sees the client's packets to the VIP but none from the VIP to the client. */
    @Test
    @Order(3)
    void repliesNeverPassThroughTheBox() throws Exception {
        try (Capture wire = Capture.start(boxNs, "host " + VIP, "LbIT-box-wire")) {
            Map<String, Integer> got = spread(20);
            assertEquals(20, got.values().stream().mapToInt(Integer::intValue).sum(), got.toString());
            // each connection sends at least SYN, ACK, request and FIN (the forwarded copies bypass the qdisc, where
            // tshark would see them)
            Tools.await(Duration.ofSeconds(10), () -> "80 frames from the client to the VIP in the box's namespace; "
                    + "seen:\n" + wire.dump(), n -> n >= 80,
                    () -> wire.frames().stream().filter(f -> f.ip(CLIENT_IP, VIP)).count());
            Thread.sleep(500);
            List<Capture.Frame> replies = wire.frames().stream().filter(f -> f.ip(VIP, CLIENT_IP)).toList();
            assertEquals(List.of(), replies, "frames from the VIP to the client in the box's namespace");
        }
    }

    /** A router's "fragmentation needed" about a flow's reply reaches only the backend that serves that flow. */
    @Test
    @Order(4)
    void fragmentationNeededReachesTheFlowsBackendOnly() throws Exception {
        String[] conn = open();
        Map<String, Capture> wires = new LinkedHashMap<>();
        try {
            for (String name : NAMES) {
                wires.put(name, Capture.start(backendNs.get(name), "icmp", "LbIT-" + name + "-icmp"));
            }
            byte[] frame = FragNeededFrame.build(boxMac, clientMac, InetAddress.ofLiteral(CLIENT_IP),
                    InetAddress.ofLiteral(VIP), 80, InetAddress.ofLiteral(CLIENT_IP), Integer.parseInt(conn[2]), 1400);
            assertEquals("sent " + frame.length, client.ask("frame seg0 " + HexFormat.of().formatHex(frame), WITHIN));
            Capture owner = wires.get(conn[3]);
            assertTrue(owner.await(LbIT::fragNeeded, Duration.ofSeconds(5)).isPresent(), "the ICMP frag-needed about "
                    + "client port " + conn[2] + " at " + conn[3] + "; seen:\n" + owner.dump());
            Thread.sleep(500);
            for (String name : NAMES) {
                if (!name.equals(conn[3])) {
                    assertTrue(wires.get(name).frames().stream().noneMatch(LbIT::fragNeeded),
                            "no frag-needed at " + name + " (the flow is " + conn[3] + "'s):\n"
                                    + wires.get(name).dump());
                }
            }
            assertEquals("name " + conn[3], client.ask("get " + conn[0], WITHIN), "the flow still works");
        } finally {
            for (Capture c : wires.values()) {
                c.close();
            }
        }
    }

    /** Datagrams from 12 source ports to VIP:9 each come back echoed with a backend's name. */
    @Test
    @Order(5)
    void udpIsBalancedToo() throws Exception {
        for (int i = 0; i < 12; i++) {
            String answer = client.ask("udp hello-" + i, WITHIN);
            Matcher m = Pattern.compile("udp (b[1-3]) hello-" + i).matcher(answer);
            assertTrue(m.matches(), "echo of datagram " + i + ": " + answer);
        }
    }

    /**
     * b3 leaves the EndpointSlice: a kept-alive connection to another backend keeps working, new connections go to
     * b1 and b2 only; b3 back in the slice takes new connections again.
     */
    @Test
    @Order(6)
    void removingABackendMovesOnlyItsFlows() throws Exception {
        String[] kept = null;
        for (int i = 0; i < 20 && kept == null; i++) {
            String[] c = open();
            kept = c[3].equals("b3") ? null : c;
        }
        assertTrue(kept != null, "a connection to b1 or b2 in 20 tries");
        try {
            writeManifest(List.of("10.99.0.21", "10.99.0.22"));
            Tools.await(WITHIN, () -> "lb:backends without 10.99.0.23:80", r -> !r.contains("10.99.0.23:80"),
                    () -> console("lb:backends"));
            assertEquals("name " + kept[3], client.ask("get " + kept[0], WITHIN),
                    "the connection to " + kept[3] + " from port " + kept[2] + " once b3 left");
            Map<String, Integer> got = spread(60);
            assertEquals(Set.of("b1", "b2"), got.keySet(), "new connections once b3 left: " + got);
        } finally {
            writeManifest(List.of("10.99.0.21", "10.99.0.22", "10.99.0.23"));
        }
        awaitBackend("b3", "active", "up");
        assertTrue(spread(60).containsKey("b3"), "b3 takes new connections once back in the slice");
    }

    /**
     * b2's HTTP server stops: within interval x unhealthy threshold (plus the console's own latency) lb:backends
     * shows it FAILED and new connections avoid it; started again, it comes back.
     */
    @Test
    @Order(7)
    void aFailedHealthCheckDrainsABackendUntilItPassesAgain() throws Exception {
        NsProgram b2 = backends.get("b2");
        try {
            long start = System.nanoTime();
            assertEquals("http off", b2.ask("http off", WITHIN));
            awaitBackend("b2", "failed", "down");
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("LbIT: b2's HTTP server stopped -> FAILED in lb:backends after " + millis + " ms");
            long bound = HEALTH_INTERVAL.toMillis() * (UNHEALTHY_THRESHOLD + 1) + 3000;
            assertTrue(millis < bound, "FAILED after " + millis + " ms, over " + bound + " ms");
            Map<String, Integer> got = spread(60);
            assertEquals(Set.of("b1", "b3"), got.keySet(), "new connections while b2 fails its check: " + got);
        } finally {
            assertEquals("http on", b2.ask("http on", WITHIN));
        }
        awaitBackend("b2", "active", "up");
        assertTrue(spread(60).containsKey("b2"), "b2 takes new connections once it passes again");
    }

    /**
     * The Service without endpoints and the one on a Gateway's port are reported in lb:services with their reasons
     * while the good one forwards; a table size that is not a supported prime is refused and the old one stays.
     */
    @Test
    @Order(8)
    void badConfigurationIsReportedAndTheGoodServiceKeepsForwarding() throws Exception {
        String services = console("lb:services");
        assertTrue(services.contains("problem: Service lbit/empty: spec.ports[0]: no ready endpoints for "
                + "10.99.0.103:80/TCP"), services);
        assertTrue(services.contains("problem: Service lbit/clash: spec.ports[0]: 10.99.0.101:80/TCP is also Gateway "
                + "lbit/gw listener http"), services);
        assertEquals(Set.copyOf(NAMES), spread(30).keySet(), "the good Service forwards to all three");

        box.writeCfg("edgebox.lb", "interfaces = seg0\ntableSize = 1000\n");
        String refused = box.awaitLine("tableSize: ", WITHIN);
        System.out.println("LbIT: tableSize = 1000 -> " + refused.strip());
        assertTrue(refused.contains("edgebox.lb") && refused.contains("1000"), "the refusal names the PID, the field "
                + "and the value: " + refused);
        assertTrue(console("lb:maglev " + WEB).contains("table 16381 slots"), "the previous table size stays");
        assertEquals(Set.copyOf(NAMES), spread(30).keySet(), "the good Service still forwards to all three");
    }

    static boolean fragNeeded(Capture.Frame f) {
        return f.icmpType().equals("3") && f.ip(CLIENT_IP, VIP);
    }

    /** A new kept-alive connection: {index, "conn", local port, backend name} from LbClient's {@code open}. */
    static String[] open() throws Exception {
        String answer = client.ask("open", WITHIN);
        Matcher m = Pattern.compile("conn (\\d+) (\\d+) (b[1-3])").matcher(answer);
        assertTrue(m.matches(), "LbClient open: " + answer);
        return new String[] {m.group(1), "conn", m.group(2), m.group(3)};
    }

    /** {@code n} connections from one curl ({@code Connection: close}); how many each backend answered. */
    static Map<String, Integer> spread(int n) throws Exception {
        Tools.Result r = Tools.run(Duration.ofSeconds(60), null, Netns.in(clientNs, "curl", "-sS", "-f",
                "--max-time", "50", "-H", "Connection: close", "http://" + VIP + "/[1-" + n + "]"));
        assertEquals(0, r.exit(), "curl, " + n + " connections: " + r + "\n" + diagnosis());
        Map<String, Integer> counts = new TreeMap<>();
        r.out().lines().forEach(name -> counts.merge(name, 1, Integer::sum));
        assertEquals(n, counts.values().stream().mapToInt(Integer::intValue).sum(), "answers: " + r.out());
        return counts;
    }

    /** What the load balancer shows of itself, for failure messages. */
    static String diagnosis() {
        StringBuilder b = new StringBuilder();
        for (String command : List.of("lb:services", "lb:backends", "lb:flows")) {
            try {
                b.append(command).append(":\n").append(console(command));
            } catch (Exception | AssertionError e) {
                b.append(command).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return b.toString();
    }

    /** Per backend address, its slots in the web Service's Maglev table ({@code lb:maglev}). */
    static Map<String, Integer> slots() throws Exception {
        String out = console("lb:maglev " + WEB);
        Map<String, Integer> slots = new TreeMap<>();
        Matcher m = SLOTS.matcher(out);
        while (m.find()) {
            slots.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return slots;
    }

    /**
     * Waits until lb:backends shows backend {@code name} of the web Service in {@code state} with {@code health}
     * (e.g. "active up", "failed down").
     */
    static void awaitBackend(String name, String state, String health) throws Exception {
        String id = "10.99.0.2" + name.substring(1) + ":80";
        String wanted = state + " " + health;
        Tools.await(WITHIN, () -> "lb:backends shows " + id + " of " + WEB + " " + wanted + "\n" + box.output(),
                out -> state(out, id).equals(wanted), () -> console("lb:backends"));
    }

    /** The STATE and HEALTH columns (lower case) of the web Service's row for backend {@code id}; "" if none. */
    static String state(String table, String id) {
        for (String line : table.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length > 3 && cells[0].equals(WEB) && cells[1].equals(id)) {
                return (cells[2] + " " + cells[3]).toLowerCase();
            }
        }
        return "";
    }

    /** A console command over SSH inside the box's namespace; fails on a non-zero exit. */
    static String console(String command) throws Exception {
        List<String> ssh = new ArrayList<>(Tools.sshBase(box.sshPort));
        ssh.addAll(List.of("-o", "IdentitiesOnly=yes", "-i", key.toString(), "edgebox@127.0.0.1", command));
        Tools.Result r = Tools.run(Duration.ofSeconds(20), null, Netns.in(boxNs, ssh.toArray(String[]::new)));
        assertEquals(0, r.exit(), command + ": " + r);
        return r.out();
    }

    /** Writes {@code etc/manifests/lbit.yaml} atomically: the web Service with these endpoints, and the bad ones. */
    static void writeManifest(List<String> endpoints) throws Exception {
        StringBuilder eps = new StringBuilder();
        for (String e : endpoints) {
            eps.append("  - addresses: [\"").append(e).append("\"]\n    conditions: {ready: true}\n");
        }
        String yaml = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  namespace: lbit
                  annotations:
                    edgebox.io/health-check: http
                    edgebox.io/health-check-port: "80"
                    edgebox.io/health-check-interval: %s
                    edgebox.io/health-check-timeout: 300ms
                    edgebox.io/health-check-unhealthy-threshold: "%d"
                    edgebox.io/health-check-healthy-threshold: "2"
                spec:
                  type: LoadBalancer
                  loadBalancerIP: %s
                  ports:
                    - {name: http, port: 80, protocol: TCP}
                    - {name: echo, port: 9, protocol: UDP}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: web-1
                  namespace: lbit
                  labels: {kubernetes.io/service-name: web}
                addressType: IPv4
                ports:
                  - {name: http, port: 80, protocol: TCP}
                  - {name: echo, port: 9, protocol: UDP}
                endpoints:
                %s---
                apiVersion: v1
                kind: Service
                metadata: {name: empty, namespace: lbit}
                spec:
                  type: LoadBalancer
                  loadBalancerIP: 10.99.0.103
                  ports: [{port: 80, protocol: TCP}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: lbit}
                spec:
                  gatewayClassName: edgebox
                  addresses: [{type: IPAddress, value: 10.99.0.101}]
                  listeners: [{name: http, protocol: HTTP, port: 80}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: clash, namespace: lbit}
                spec:
                  type: LoadBalancer
                  loadBalancerIP: 10.99.0.101
                  ports: [{port: 80, protocol: TCP}]
                """.formatted(HEALTH_INTERVAL.toMillis() + "ms", UNHEALTHY_THRESHOLD, VIP,
                eps);
        Path manifests = Files.createDirectories(box.home.resolve("etc/manifests"));
        Path staging = Files.createDirectories(box.home.resolve("etc-staging")).resolve("lbit.yaml");
        Files.writeString(staging, yaml);
        Files.move(staging, manifests.resolve("lbit.yaml"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
