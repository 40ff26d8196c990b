package edgebox.lb.engine;

import static edgebox.lb.plan.Plans.ready;
import static edgebox.lb.plan.Plans.service;
import static edgebox.lb.plan.Plans.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.api.packet.PortOptions;
import edgebox.api.policy.Decision;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.lb.io.tpacket.TpacketPath;
import edgebox.lb.maglev.ConnectionTimeouts;
import edgebox.lb.neigh.NeighbourTiming;
import edgebox.lb.neigh.PortAddress;
import edgebox.lb.path.Drop;
import edgebox.lb.path.PolicyDouble;
import edgebox.lb.plan.Plans;

/**
 * Direct server return end to end, on a segment of the test's own (needs root): a bridge in namespace
 * {@code eblbNs}, a client in {@code eblbNc} whose route to the VIP points at the box's port, a backend in
 * {@code eblbNb} with the VIP on lo (arp_ignore=1, arp_announce=2) and an HTTP server on it, and the box's port
 * {@code eblbNx}, a veth in the test's namespace without addresses, run by the engine on the tpacket path. The
 * client's request reaches the backend through the engine, which found the backend's MAC by ARP or neighbour
 * discovery; the backend answers the client itself. Over IPv4 and IPv6. The client's veth leaves its TCP checksums
 * to offload, as a local sender's do: the tpacket path finishes them, or the backend would drop every segment.
 * With a policy decision point that denies a second client in {@code eblbNd}, that client's SYNs never reach the
 * backend's namespace (its TCP segment count stays still) while the first client's still do.
 */
class DsrThroughNamespacesTest {

    static final String VIP = "10.77.1.70";
    static final String BOX = "10.77.0.254";
    static final String BACKEND = "10.77.0.1";
    static final String CLIENT = "10.77.0.10";
    static final String DENIED_CLIENT = "10.77.0.11";
    static final String DENIED_CLIENT6 = "fd00:77::11";
    static final String VIP6 = "fd00:77:1::70";
    static final String BOX6 = "fd00:77::fe";
    static final String BACKEND6 = "fd00:77::1";
    static final String CLIENT6 = "fd00:77::10";
    static final int PORT = 8080;
    /** The JDK's own file server as the backend's HTTP server. */
    static final String JWEBSERVER = Path.of(System.getProperty("java.home"), "bin", "jwebserver").toString();

    final String id = "eblb" + ProcessHandle.current().pid() % 10000;
    final String segment = id + "s";
    final String client = id + "c";
    final String deniedClient = id + "d";
    final String backend = id + "b";
    final String boxPort = id + "x";
    final List<Process> servers = new ArrayList<>();

    @TempDir
    Path site;

    @BeforeEach
    void buildTheSegment() throws Exception {
        for (String ns : List.of(segment, client, deniedClient, backend)) {
            run("ip", "netns", "add", ns);
        }
        run("ip", "-n", segment, "link", "add", "br0", "type", "bridge");
        run("ip", "-n", segment, "link", "set", "br0", "up");
        run("ip", "link", "add", boxPort, "type", "veth", "peer", "name", "p0", "netns", segment);
        Files.writeString(Path.of("/proc/sys/net/ipv6/conf", boxPort, "disable_ipv6"), "1");
        Files.writeString(Path.of("/proc/sys/net/ipv4/conf", boxPort, "forwarding"), "0");
        run("ip", "link", "set", boxPort, "up");
        run("ip", "-n", segment, "link", "set", "p0", "master", "br0", "up");
        for (String[] host : List.of(new String[] {client, "c0", CLIENT, CLIENT6},
                new String[] {deniedClient, "d0", DENIED_CLIENT, DENIED_CLIENT6},
                new String[] {backend, "b0", BACKEND, BACKEND6})) {
            run("ip", "-n", segment, "link", "add", host[1], "type", "veth", "peer", "name", "eth0", "netns", host[0]);
            run("ip", "-n", segment, "link", "set", host[1], "master", "br0", "up");
            run("ip", "-n", host[0], "addr", "add", host[2] + "/24", "dev", "eth0");
            run("ip", "-n", host[0], "addr", "add", host[3] + "/64", "dev", "eth0", "nodad");
            run("ip", "-n", host[0], "link", "set", "eth0", "up");
            run("ip", "-n", host[0], "link", "set", "lo", "up");
        }
        String boxMac = Files.readString(Path.of("/sys/class/net", boxPort, "address")).strip();
        for (String ns : List.of(client, deniedClient)) {
            run("ip", "-n", ns, "route", "add", VIP + "/32", "dev", "eth0");
            run("ip", "-n", ns, "neigh", "add", VIP, "lladdr", boxMac, "dev", "eth0", "nud", "permanent");
            run("ip", "-n", ns, "-6", "route", "add", VIP6 + "/128", "dev", "eth0");
            run("ip", "-n", ns, "-6", "neigh", "add", VIP6, "lladdr", boxMac, "dev", "eth0", "nud", "permanent");
        }
        run("ip", "-n", backend, "addr", "add", VIP + "/32", "dev", "lo");
        run("ip", "-n", backend, "addr", "add", VIP6 + "/128", "dev", "lo");
        run("ip", "netns", "exec", backend, "sysctl", "-q", "-w", "net.ipv4.conf.all.arp_ignore=1",
                "net.ipv4.conf.all.arp_announce=2");
        for (String vip : List.of(VIP, VIP6)) {
            servers.add(new ProcessBuilder("ip", "netns", "exec", backend, JWEBSERVER, "-b", vip, "-p",
                    String.valueOf(PORT), "-d", site.toString(), "-o", "none").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
    }

    @AfterEach
    void removeTheSegment() throws Exception {
        for (Process p : servers) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        if (Files.exists(Path.of("/sys/class/net", boxPort))) {
            run("ip", "link", "del", boxPort);
        }
        for (String ns : List.of(client, deniedClient, backend, segment)) {
            run("ip", "netns", "del", ns);
        }
    }

    @Test
    void aClientsRequestReachesTheBackendThroughTheEngineAndTheBackendAnswersItself() throws Exception {
        requestThroughTheEngine(VIP, BACKEND, "IPv4", "http://" + VIP + ":" + PORT + "/");
    }

    @Test
    void overIpv6TooWithTheBackendFoundByNeighbourDiscovery() throws Exception {
        requestThroughTheEngine(VIP6, BACKEND6, "IPv6", "http://[" + VIP6 + "]:" + PORT + "/");
    }

    @Test
    void aClientThePolicyDeniesNeverReachesTheBackendWhileAnAllowedOneDoes() throws Exception {
        PolicyDouble policy = PolicyDouble.answering(DENIED_CLIENT, Decision.DENY);
        String url = "http://" + VIP + ":" + PORT + "/";
        try (LbEngine engine = engine(VIP, BACKEND, "IPv4", policy)) {
            assertEquals("200 " + VIP, firstAnswer(client, url).strip(), engine.status().toString());
            Thread.sleep(300);
            long segments = backendTcpSegments();
            for (int attempt = 0; attempt < 3; attempt++) {
                assertEquals("000", request(deniedClient, url).strip().split(" ")[0], "attempt " + attempt);
            }
            assertEquals(segments, backendTcpSegments(), "no segment of the denied client reached the backend");
            EngineStatus status = engine.status();
            assertTrue(status.drops().get(Drop.POLICY_DENIED) >= 3, status.drops().toString());
            assertEquals("200 " + VIP, request(client, url).strip());
            assertTrue(backendTcpSegments() > segments, "the backend's count moves for the allowed client");
            assertTrue(policy.lastAsk().endsWith(" -> " + BACKEND + ":" + PORT + "/6"), policy.lastAsk());
        }
    }

    /** TCP segments the backend's namespace received ({@code Tcp: InSegs} of its /proc/net/snmp). */
    private long backendTcpSegments() throws IOException, InterruptedException {
        List<String[]> tcp = run("ip", "netns", "exec", backend, "cat", "/proc/net/snmp").lines()
                .filter(l -> l.startsWith("Tcp:")).map(l -> l.split("\\s+")).toList();
        return Long.parseLong(tcp.get(1)[List.of(tcp.get(0)).indexOf("InSegs")]);
    }

    private LbEngine engine(String vip, String backendAddress, String family, PolicyDecisionPoint policy) {
        EngineSettings settings = new EngineSettings(1024, ConnectionTimeouts.DEFAULTS, new PortOptions(64, 1 << 20,
                2048), null, null, NeighbourTiming.DEFAULT);
        List<PortAddress> boxAddresses = List.of(new PortAddress(InetAddress.ofLiteral(BOX), 24),
                new PortAddress(InetAddress.ofLiteral(BOX6), 64));
        LbEngine engine = new LbEngine(new TpacketPath(), settings, name -> boxAddresses, () -> policy);
        engine.interfaces(List.of(boxPort));
        engine.update(Plans.compile(service("web", vip, "", "{name: http, port: " + PORT + "}")
                + slice("web-1", "web", family, "", "{name: http, port: " + PORT + "}", ready(backendAddress))));
        return engine;
    }

    /** The first answer {@code ns}'s requests get within ten seconds ("200 ADDRESS"), while the engine starts. */
    private static String firstAnswer(String ns, String url) throws Exception {
        String answer = "";
        for (int attempt = 0; attempt < 40 && !answer.startsWith("200"); attempt++) {
            answer = request(ns, url);
            if (!answer.startsWith("200")) {
                Thread.sleep(250);
            }
        }
        return answer;
    }

    /** curl in {@code ns}, one second at most: "CODE REMOTE-ADDRESS", "000" when nothing answered. */
    private static String request(String ns, String url) throws IOException, InterruptedException {
        return run("ip", "netns", "exec", ns, "curl", "-g", "-s", "-o", "/dev/null", "-w",
                "%{http_code} %{remote_ip}", "-m", "1", url);
    }

    private void requestThroughTheEngine(String vip, String backendAddress, String family, String url)
            throws Exception {
        try (LbEngine engine = engine(vip, backendAddress, family, null)) {
            String answer = firstAnswer(client, url);
            EngineStatus status = engine.status();
            assertEquals("200 " + vip, answer.strip(), status.toString());
            EngineStatus.BackendStatus b = status.services().getFirst().backends().getFirst();
            assertTrue(b.packets() >= 3, "SYN, request and ACKs went through the engine: " + b);
            String backendMac = run("ip", "netns", "exec", backend, "cat", "/sys/class/net/eth0/address").strip();
            assertEquals(backendMac, b.neighbour(), "learnt from the backend's answer");
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": no answer in 10 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0 && !command[command.length - 1].startsWith("http://")) {
            throw new IOException(String.join(" ", command) + ": exit " + process.exitValue() + ": " + output);
        }
        return output;
    }
}
