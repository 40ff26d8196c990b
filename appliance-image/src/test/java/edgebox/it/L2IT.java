package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The L2 announcer (feature l2) on a segment of network namespaces (needs root): boxes started with
 * {@code ip netns exec}, a client asking with arping and ndisc6, tshark watching the wire from the client, and
 * keepalived as the other VRRPv3 router. Box A is 10.99.0.1, box B or keepalived 10.99.0.2, the client 10.99.0.10;
 * the VIPs are 10.99.0.100 and fd99::100, and 10.99.0.101 belongs to nobody.
 */
class L2IT {

    static final String VIP4 = "10.99.0.100";
    static final String VIP6 = "fd99::100";
    static final String NOBODYS = "10.99.0.101";
    static final int VRID = 51;
    static final Duration WITHIN = Duration.ofSeconds(20);
    static final Duration FAILOVER_LIMIT = Duration.ofSeconds(1);
    static final Pattern NDISC_TARGET = Pattern.compile("Target link-layer address: ([0-9a-fA-F:]{17})");

    @TempDir
    static Path dir;
    static Netns seg;
    static String client;
    static Path key;
    static String publicKey;

    @BeforeAll
    static void segment() throws Exception {
        seg = Netns.create("p" + ProcessHandle.current().pid());
        client = seg.host("c", 10);
        key = Tools.keygen(dir, "operator");
        publicKey = Files.readString(dir.resolve("operator.pub"));
    }

    @AfterAll
    static void teardown() throws Exception {
        if (seg != null) {
            seg.close();
        }
    }

    @Test
    void oneBoxAnswersArpAndNdpForItsStaticVipsOnly() throws Exception {
        String a = seg.host("a1", 1);
        String macA = seg.mac(a);
        String ignore = "net.ipv4.conf.seg0.arp_ignore";
        seg.sysctl(a, ignore, "0");
        Box box = box("L2IT-static", "vip~v4", "address = " + VIP4 + "\n", "vip~v6", "address = " + VIP6 + "\n");
        try (Capture wire = Capture.start(client, "arp or icmp6", "L2IT-static-client")) {
            box.startIn(a).awaitReady();
            awaitVip(a, box, VIP4, "owned");
            awaitVip(a, box, VIP6, "owned");

            assertTrue(wire.await(f -> f.garp(VIP4, macA), Duration.ofSeconds(5)).isPresent(),
                    "a gratuitous ARP for " + VIP4 + " from A (" + macA + ") at start; seen:\n" + wire.dump());
            assertTrue(wire.await(f -> f.unsolicitedNa(VIP6, macA), Duration.ofSeconds(5)).isPresent(),
                    "an unsolicited NA (override) for " + VIP6 + " from A (" + macA + ") at start; seen:\n"
                            + wire.dump());
            assertEquals(Set.of(macA), arping(VIP4), "who answers ARP for " + VIP4);
            assertEquals(Set.of(), arping(NOBODYS), "who answers ARP for " + NOBODYS + " (owned by nobody)");
            assertEquals(macA, ndisc(VIP6), "the MAC ndisc6 gets for " + VIP6);

            assertEquals("1", seg.sysctl(a, ignore), ignore + " in A while the box announces");
            String lo = seg.exec(a, "ip", "-o", "addr", "show", "dev", "lo").out();
            assertTrue(lo.contains(" " + VIP4 + "/"), "the owned VIP " + VIP4 + " is on lo in A:\n" + lo);
            String metrics = metrics(a, box);
            assertTrue(metric(metrics, "edgebox_l2_arp_replies_total") >= 1, "ARP replies counted:\n" + metrics);
            assertTrue(metric(metrics, "edgebox_l2_ndp_replies_total") >= 1, "NDP replies counted:\n" + metrics);
            assertTrue(metric(metrics, "edgebox_l2_garp_sent_total") >= 1, "GARPs counted:\n" + metrics);

            assertEquals(0, box.terminate(Duration.ofSeconds(10)), "exit status on SIGTERM:\n" + box.output());
            assertEquals("0", seg.sysctl(a, ignore), ignore + " in A is back to its old value once the box stopped");
            String loAfter = seg.exec(a, "ip", "-o", "addr", "show", "dev", "lo").out();
            assertFalse(loAfter.contains(" " + VIP4 + "/"), "the VIP left lo in A when the box stopped:\n" + loAfter);
            assertEquals(Set.of(), arping(VIP4), "who answers ARP for " + VIP4 + " once the box stopped");
        } finally {
            box.close();
            seg.remove(a);
        }
    }

    @Test
    void twoBoxesOneMasterAndTheBackupTakesOverWithinASecondOfAKill() throws Exception {
        String a = seg.host("a2", 1);
        String b = seg.host("b2", 2);
        String macA = seg.mac(a);
        String macB = seg.mac(b);
        Box boxA = box("L2IT-vrrp-A", "vrrp~r1", router(200), "vrrp~r6", router6(200));
        Box boxB = box("L2IT-vrrp-B", "vrrp~r1", router(100), "vrrp~r6", router6(100));
        try (Capture wire = Capture.start(client, "arp or icmp6 or ip proto 112 or ip6 proto 112",
                "L2IT-vrrp-client")) {
            boxA.startIn(a);
            boxB.startIn(b);
            boxA.awaitReady();
            boxB.awaitReady();
            awaitRouter(a, boxA, "r1", "master");
            awaitRouter(b, boxB, "r1", "backup");
            awaitRouter(a, boxA, "r6", "master");
            awaitRouter(b, boxB, "r6", "backup");
            Set<String> sources = vrrpSources(wire, Instant.now(), Duration.ofMillis(500));
            assertEquals(Set.of("10.99.0.1"), sources, "advertisement sources over 0.5 s with A master; seen:\n"
                    + wire.dump());

            String neighbour = resolveFromClient();
            assertTrue(neighbour.contains(macA), "the client's neighbour entry names A (" + macA + "): " + neighbour);
            assertEquals(Set.of(macA), arping(VIP4), "who answers ARP for " + VIP4 + " with A master");
            assertEquals(macA, ndisc(VIP6), "the MAC ndisc6 gets for " + VIP6 + " with A master");

            Instant killed = Instant.now();
            boxA.process().destroyForcibly();
            long micros = Capture.micros(killed);
            Capture.Frame garp = wire.await(f -> f.micros() > micros && f.garp(VIP4, macB), Duration.ofSeconds(5))
                    .orElseThrow(() -> new AssertionError("no gratuitous ARP for " + VIP4 + " from B (" + macB
                            + ") within 5 s of killing A; seen:\n" + wire.dump() + "\nB:\n" + boxB.output()));
            long failoverMillis = (garp.micros() - micros) / 1000;
            System.out.println("L2IT: kill -9 of master A -> first GARP from B after " + failoverMillis + " ms");
            assertTrue(failoverMillis < FAILOVER_LIMIT.toMillis(),
                    "kill -9 of A to B's first GARP took " + failoverMillis + " ms; seen:\n" + wire.dump());

            awaitRouter(b, boxB, "r1", "master");
            assertEquals(Set.of(macB), arping(VIP4), "who answers ARP for " + VIP4 + " once A is gone");
            assertTrue(wire.await(f -> f.micros() > micros && f.unsolicitedNa(VIP6, macB), Duration.ofSeconds(5))
                    .isPresent(), "an unsolicited NA (override) for " + VIP6 + " from B (" + macB + ") once A is "
                    + "gone; seen:\n" + wire.dump());
            assertEquals(macB, ndisc(VIP6), "the MAC ndisc6 gets for " + VIP6 + " once A is gone");
            String updated = awaitNeighbour(macB);
            assertTrue(updated.contains(macB), "the client's neighbour entry names B (" + macB + "): " + updated);
        } finally {
            boxA.close();
            boxB.close();
            seg.remove(a);
            seg.remove(b);
        }
    }

    @Test
    void keepalivedAndTheBoxElectOneMasterAndFailOverBothWays() throws Exception {
        String a = seg.host("a3", 1);
        String k = seg.host("k3", 2);
        String macA = seg.mac(a);
        String macK = seg.mac(k);
        Box box = box("L2IT-keepalived-box", "vrrp~r1", router(100));
        Keepalived keepalived = Keepalived.create(dir.resolve("keepalived"), "L2IT-keepalived", k, VRID, 200, "0.1",
                VIP4);
        try (Capture wire = Capture.start(client, "arp or ip proto 112", "L2IT-keepalived-client")) {
            keepalived.start();
            box.startIn(a).awaitReady();
            awaitRouter(a, box, "r1", "backup");
            Instant window = Instant.now();
            Set<String> sources = vrrpSources(wire, window, Duration.ofSeconds(2));
            assertEquals(Set.of("10.99.0.2"), sources, "advertisement sources over 2 s with keepalived master and the "
                    + "box backup; seen:\n" + wire.dump());
            assertEquals(Set.of(macK), arping(VIP4), "who answers ARP for " + VIP4 + " with keepalived master");

            Instant killed = Instant.now();
            keepalived.kill();
            // keepalived killed leaves the VIP on its interface: the host is gone in the scenario, take it away
            seg.execAny(k, "ip", "addr", "del", VIP4 + "/32", "dev", "seg0");
            long micros = Capture.micros(killed);
            Capture.Frame garp = wire.await(f -> f.micros() > micros && f.garp(VIP4, macA), Duration.ofSeconds(5))
                    .orElseThrow(() -> new AssertionError("no gratuitous ARP for " + VIP4 + " from the box ("
                            + macA + ") within 5 s of killing keepalived; seen:\n" + wire.dump() + "\nbox:\n"
                            + box.output()));
            long failoverMillis = (garp.micros() - micros) / 1000;
            System.out.println("L2IT: kill -9 of keepalived master -> first GARP from the box after "
                    + failoverMillis + " ms");
            awaitRouter(a, box, "r1", "master");
            assertEquals(Set.of(macA), arping(VIP4), "who answers ARP for " + VIP4 + " once keepalived is gone");

            Instant restarted = Instant.now();
            keepalived.start();
            long restartMicros = Capture.micros(restarted);
            assertTrue(wire.await(f -> f.micros() > restartMicros && f.garp(VIP4, macK), Duration.ofSeconds(10))
                            .isPresent(),
                    "keepalived (priority 200) preempts and sends a gratuitous ARP; seen:\n" + wire.dump()
                            + "\nkeepalived:\n" + keepalived.log());
            awaitRouter(a, box, "r1", "backup");
            assertEquals(Set.of(macK), arping(VIP4), "who answers ARP for " + VIP4 + " once keepalived is back");
            String metrics = metrics(a, box);
            assertTrue(metric(metrics, "edgebox_l2_vrrp_transitions_total") >= 2,
                    "the box's VRRP transitions are counted:\n" + metrics);
        } finally {
            keepalived.close();
            box.close();
            seg.remove(a);
            seg.remove(k);
        }
    }

    /** A box whose home has the l2 feature at boot, announcing on seg0, with the given factory configurations. */
    static Box box(String name, String... pidsAndTexts) throws Exception {
        Box box = Box.create(dir.resolve(name), name);
        Files.writeString(box.home.resolve("etc/authorized_keys"), publicKey, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        box.writeCfg("edgebox.features", "boot = core,l2\n");
        box.writeCfg("edgebox.l2", "interfaces = seg0\n");
        for (int i = 0; i + 1 < pidsAndTexts.length; i += 2) {
            box.writeCfg("edgebox.l2." + pidsAndTexts[i], pidsAndTexts[i + 1]);
        }
        return box;
    }

    /** Router r1: IPv4, VRID 51, 100 ms, the VIP 10.99.0.100. */
    static String router(int priority) {
        return "interface = seg0\nvrid = " + VRID + "\npriority = " + priority
                + "\npreempt = true\nadvertIntervalMillis = 100\naddresses = " + VIP4 + "\n";
    }

    /** Router r6: IPv6 (to ff02::12 from the link-local address), VRID 52, 100 ms, the VIP fd99::100. */
    static String router6(int priority) {
        return "interface = seg0\nvrid = " + (VRID + 1) + "\npriority = " + priority
                + "\npreempt = true\nadvertIntervalMillis = 100\naddresses = " + VIP6 + "\n";
    }

    /** The MACs that answer arping from the client (two requests, 200 ms apart, at most 3 s). */
    static Set<String> arping(String ip) throws Exception {
        return Arping.macs(client, ip);
    }

    /**
     * The link-layer address ndisc6 gets for {@code ip}; "" when nobody answered (ndisc6 exits 2 with "No response.").
     * Anything else, such as exit 1 for a missing interface or program, fails the test with ndisc6's output.
     */
    static String ndisc(String ip) throws Exception {
        Tools.Result r = seg.execAny(client, "ndisc6", "-1", "-r", "1", "-w", "1000", ip, "seg0");
        Matcher m = NDISC_TARGET.matcher(r.out());
        if (r.exit() == 0 && m.find()) {
            return m.group(1).toLowerCase();
        }
        if (r.exit() == 2 && r.out().contains("No response.")) {
            return "";
        }
        throw new AssertionError("ndisc6 " + ip + " in " + client + " could not ask (neither a Target link-layer "
                + "address nor 'No response.'; .ci/run installs ndisc6): " + r);
    }

    /** The client's kernel sends one datagram to the VIP (so it resolves it); returns its neighbour entry. */
    static String resolveFromClient() throws Exception {
        seg.exec(client, "bash", "-c", "echo probe > /dev/udp/" + VIP4 + "/9");
        return Tools.until(Duration.ofSeconds(3), s -> s.contains("lladdr"),
                () -> seg.exec(client, "ip", "neigh", "show", VIP4, "dev", "seg0").out().trim());
    }

    static String awaitNeighbour(String mac) throws Exception {
        return Tools.until(Duration.ofSeconds(3), s -> s.contains(mac),
                () -> seg.exec(client, "ip", "neigh", "show", VIP4, "dev", "seg0").out().trim());
    }

    /**
     * Distinct sources of IPv4 VRRP advertisements captured from {@code from} for {@code span} (waits for its end).
     */
    static Set<String> vrrpSources(Capture wire, Instant from, Duration span) throws Exception {
        long start = Capture.micros(from);
        long end = start + span.toNanos() / 1000;
        // adverts keep coming: the first frame past the end closes the window (tshark may lag on a busy machine)
        long wait = Math.max(0, end / 1000 - System.currentTimeMillis()) + 3000;
        assertTrue(wire.await(f -> f.micros() > end, Duration.ofMillis(wait)).isPresent(),
                "a frame after the window's end within " + wait + " ms (else the window may be incomplete); seen:\n"
                        + wire.dump());
        List<Capture.Frame> adverts = wire.frames().stream()
                .filter(f -> f.vrrp() && !f.ipSrc().isEmpty() && f.micros() >= start && f.micros() <= end).toList();
        assertTrue(adverts.size() >= span.toMillis() / 100 / 2,
                "advertisements every 100 ms expected over " + span + "; seen:\n" + wire.dump());
        return adverts.stream().map(Capture.Frame::ipSrc).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Runs a console command over SSH inside the box's namespace. */
    static Tools.Result console(String ns, Box box, String command) throws Exception {
        List<String> ssh = new ArrayList<>(Tools.sshBase(box.sshPort));
        ssh.addAll(List.of("-o", "IdentitiesOnly=yes", "-i", key.toString(), "edgebox@127.0.0.1", command));
        return Tools.run(Duration.ofSeconds(20), null, Netns.in(ns, ssh.toArray(String[]::new)));
    }

    /** Waits until {@code l2:vips} (ADDRESS INTERFACE ROUTER STATE ...) shows {@code address} in {@code state}. */
    static void awaitVip(String ns, Box box, String address, String state) throws Exception {
        Tools.Result r = Tools.until(WITHIN, x -> column(x.out(), address, 3).equals(state),
                () -> console(ns, box, "l2:vips"));
        assertEquals(state, column(r.out(), address, 3),
                "l2:vips in " + ns + " shows " + address + " " + state + ": " + r + "\n" + box.output());
    }

    /** Waits until {@code l2:vrrp} (NAME VRID INTERFACE STATE ...) shows {@code router} in {@code state}. */
    static void awaitRouter(String ns, Box box, String router, String state) throws Exception {
        Tools.Result r = Tools.until(WITHIN, x -> column(x.out(), router, 3).equals(state),
                () -> console(ns, box, "l2:vrrp"));
        assertEquals(state, column(r.out(), router, 3),
                "l2:vrrp in " + ns + " shows " + router + ": " + r + "\n" + box.output());
    }

    /**
     * Column {@code index} (lower case) of the table row whose first column is {@code key} (IP addresses compared as
     * addresses, whatever their text form); "" if no such row.
     */
    static String column(String table, String key, int index) {
        for (String line : table.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length > index && (cells[0].equals(key) || sameAddress(cells[0], key))) {
                return cells[index].toLowerCase();
            }
        }
        return "";
    }

    static boolean sameAddress(String a, String b) {
        Pattern literal = Pattern.compile("[0-9a-fA-F:.]*[:.][0-9a-fA-F:.]*");
        if (!literal.matcher(a).matches() || !literal.matcher(b).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b)); // literals: no lookup
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * The box's /metrics, polled (bounded) until it answers: the health endpoint starts on its default port and
     * moves to the one in etc/ when Config Admin delivers it, which may come after "edgebox ready".
     */
    static String metrics(String ns, Box box) throws Exception {
        String url = "http://127.0.0.1:" + box.healthPort + "/metrics";
        Tools.Result r = Tools.until(WITHIN, x -> x.exit() == 0,
                () -> seg.execAny(ns, "curl", "-sS", "-f", "--max-time", "5", url));
        assertEquals(0, r.exit(), "curl " + url + " in " + ns + ": " + r + "\n" + box.output());
        return r.out();
    }

    /** The sum of a metric's samples (all label sets). */
    static double metric(String text, String name) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
