package edgebox.it;

import static edgebox.it.PolicyObjects.API;
import static edgebox.it.PolicyObjects.AUDITED;
import static edgebox.it.PolicyObjects.CIDRSET;
import static edgebox.it.PolicyObjects.GATEWAY;
import static edgebox.it.PolicyObjects.GUARDED;
import static edgebox.it.PolicyObjects.IN_RANGE;
import static edgebox.it.PolicyObjects.LIVE;
import static edgebox.it.PolicyObjects.OUT_OF_RANGE;
import static edgebox.it.PolicyObjects.WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import edgebox.it.PolicyObjects.Backend;

/**
 * The policy engine (features core, proxy, policy) enforced by the proxy, on networks of namespaces (needs root, see
 * {@link PolicyNet}): the box serves the Gateway on 10.98.0.80:80; frontend clients 10.98.1.10 and .11 sit in the
 * CIDR group labelled app: frontend, guests 10.98.2.10, .20 and .30 in one labelled app: guest; every backend
 * ({@link PolicyObjects}) is an address of 10.98.3.0/24 in one namespace running {@link PolicyBackend}, which counts
 * the requests that reach it. Clients are curl, each request sent from a chosen source address. The tests share one
 * box and run in order; each puts back what it changed. The last one, for the load balancer, brings its own box
 * and segment.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyIT {

    static final Duration WITHIN = Duration.ofSeconds(20);
    static final String FRONTEND = "10.98.1.10";
    static final String FRONTEND_DENIED = "10.98.1.11";
    static final String GUEST = "10.98.2.10";
    static final String GUEST_EXCEPTED = "10.98.2.20";
    static final String GUEST_DENIED = "10.98.2.30";
    static final String GUESTS_RULE = "fromCIDRSet: [{cidr: 10.98.2.0/24}]";

    @TempDir
    static Path dir;
    static PolicyNet net;
    static String frontendNs;
    static String guestNs;
    static NsProgram backends;
    static Box box;
    static Path key;
    static String id;

    @BeforeAll
    static void start() throws Exception {
        id = Long.toString(ProcessHandle.current().pid() % 100_000, 36);
        net = PolicyNet.create(id);
        frontendNs = net.peer("fe", 1, 10, 11);
        guestNs = net.peer("gu", 2, 10, 20, 30);
        String backendNs = net.peer("be", 3, 10, 11, 12, 13, 14, 15, 16);
        net.boxAddress(GATEWAY + "/32");
        backends = NsProgram.start(backendNs, "PolicyIT-backends", PolicyBackend.class, "backend", "80", "8080",
                "8200");

        box = Box.create(dir.resolve("box"), "PolicyIT-box");
        key = box.authorize(dir, "operator");
        box.writeCfg("edgebox.features", "boot = core,proxy,policy\n");
        Files.deleteIfExists(box.home.resolve("etc/manifests/demo.yaml"));
        Files.deleteIfExists(box.home.resolve("etc/manifests/acme-pebble.yaml"));
        writeManifest("objects.yaml", PolicyObjects.objects());
        writeManifest("policies.yaml", PolicyObjects.policies());
        writeManifest("live.yaml", PolicyObjects.live(null));
        box.startIn(net.box).awaitReady();
        Tools.await(WITHIN, () -> "the frontend reaches web\n" + box.output(), r -> status(r).equals("200"),
                () -> request(frontendNs, FRONTEND, WEB, "GET", "/"));
        // a first boot: the policies were in force before the first request, so the guest's first try is refused
        assertEquals("403", status(request(guestNs, GUEST, WEB, "GET", "/")), box.output());
        assertFalse(box.output().contains("not reported translated in time"), box.output());
    }

    @AfterAll
    static void stop() throws Exception {
        if (box != null) {
            box.close();
        }
        if (backends != null) {
            backends.close();
        }
        if (net != null) {
            net.close();
        }
    }

    /** The seed's allow-web: a client in the group labelled app: frontend gets through, a guest gets 403. */
    @Test
    @Order(1)
    void allowWebLetsTheFrontendGroupInAndNoOneElse() throws Exception {
        long before = count(WEB);
        served(frontendNs, FRONTEND, WEB, "GET", "/shop");
        refused(guestNs, GUEST, WEB, "GET", "/shop");
        assertEquals(before + 1, count(WEB), "the guest's request never reached the backend");
    }

    /** An ingressDeny fromCIDR for one frontend address wins over the rule that allows its group. */
    @Test
    @Order(2)
    void denyOverridesAllow() throws Exception {
        long before = count(GUARDED);
        served(frontendNs, FRONTEND, GUARDED, "GET", "/");
        refused(frontendNs, FRONTEND_DENIED, GUARDED, "GET", "/");
        assertEquals(before + 1, count(GUARDED));
    }

    /** fromCIDRSet 10.98.2.0/24 except 10.98.2.16/28: .10 gets in, .20 and the frontend network do not. */
    @Test
    @Order(3)
    void fromCidrSetExceptLeavesOutTheExceptedBlock() throws Exception {
        long before = count(CIDRSET);
        served(guestNs, GUEST, CIDRSET, "GET", "/");
        refused(guestNs, GUEST_EXCEPTED, CIDRSET, "GET", "/");
        refused(frontendNs, FRONTEND, CIDRSET, "GET", "/");
        assertEquals(before + 1, count(CIDRSET));
    }

    /** toPorts 8000-8100: the backend's port 8080 is inside, its port 8200 outside. */
    @Test
    @Order(4)
    void endPortRangesDecideByTheBackendsPort() throws Exception {
        long outside = count(OUT_OF_RANGE);
        served(guestNs, GUEST, IN_RANGE, "GET", "/");
        served(frontendNs, FRONTEND, IN_RANGE, "GET", "/");
        refused(frontendNs, FRONTEND, OUT_OF_RANGE, "GET", "/");
        assertEquals(outside, count(OUT_OF_RANGE), "nothing reached port 8200");
    }

    /** rules.http GET /public/.*: only GETs of that path get through; everything else is 403 from the proxy. */
    @Test
    @Order(5)
    void httpRulesAllowOnlyTheMatchingRequests() throws Exception {
        long before = count(API);
        served(frontendNs, FRONTEND, API, "GET", "/public/x");
        refused(frontendNs, FRONTEND, API, "POST", "/public/x");
        refused(frontendNs, FRONTEND, API, "GET", "/admin");
        refused(guestNs, GUEST, API, "GET", "/public/x");
        assertEquals(before + 1, count(API));
    }

    /**
     * audited is in audit mode: the guest it would deny is served and the would-be deny is logged, counted in the
     * metrics and in policy:list; audited-deny, on the same backend and enforcing, still denies 10.98.2.30.
     */
    @Test
    @Order(6)
    void auditModeIsPerPolicy() throws Exception {
        long before = count(AUDITED);
        served(guestNs, GUEST, AUDITED, "GET", "/audit");
        String audit = box.awaitLine("policy AUDIT proxy " + GUEST + " ", WITHIN);
        assertTrue(audit.contains(AUDITED.at() + "/TCP") && audit.contains("CiliumNetworkPolicy polit/audited "),
                audit);
        refused(guestNs, GUEST_DENIED, AUDITED, "GET", "/audit");
        String deny = box.awaitLine("policy DENY proxy " + GUEST_DENIED + " ", WITHIN);
        assertTrue(deny.contains("CiliumNetworkPolicy polit/audited-deny spec.ingressDeny[0]"), deny);
        assertEquals(before + 1, count(AUDITED));

        Pattern audited = Pattern.compile("edgebox_policy_verdicts_total\\{policy=\"CiliumNetworkPolicy"
                + " polit/audited\",verdict=\"audited\"} ([0-9.e+]+)");
        String denied = "edgebox_policy_verdicts_total{policy=\"CiliumNetworkPolicy polit/audited-deny\","
                + "verdict=\"denied\"}";
        // the metrics take the tallies once a second
        String metrics = Tools.await(WITHIN, () -> "the audited and the denied verdicts in the metrics",
                m -> audited.matcher(m).find() && m.contains(denied), PolicyIT::metrics);
        Matcher m = audited.matcher(metrics);
        assertTrue(m.find() && Double.parseDouble(m.group(1)) >= 1, metrics);
        assertFalse(metrics.contains("edgebox_policy_verdicts_total{policy=\"CiliumNetworkPolicy polit/audited\","
                + "verdict=\"denied\"}"), "an audit-mode policy denies nothing:\n" + metrics);

        String list = console("policy:list");
        List<String> row = row(list, "CiliumNetworkPolicy polit/audited");
        assertEquals("audit", row.get(0), list);
        assertEquals("0", row.get(3), "denied by the audit-mode policy: " + list);
        assertTrue(Long.parseLong(row.get(4)) >= 1, "audited by it: " + list);
        List<String> enforcing = row(list, "CiliumNetworkPolicy polit/audited-deny");
        assertEquals("enforce", enforcing.get(0), list);
        assertTrue(Long.parseLong(enforcing.get(3)) >= 1, "denied by the enforcing policy: " + list);
    }

    /**
     * live is replaced while a frontend client sends requests one after another (at most 20,000, for at most 20 s)
     * by a policy that also lets the guests in: the guest's verdict turns while the load runs, and not one of the
     * frontend's requests fails.
     */
    @Test
    @Order(7)
    void aPolicyReplacedUnderLoadFailsNoRequestItStillAllows() throws Exception {
        refused(guestNs, GUEST, LIVE, "GET", "/");
        Path output = dir.resolve("live-load.txt");
        Process load = new ProcessBuilder(Netns.in(frontendNs, "curl", "-sS", "--max-time", "5", "--interface",
                FRONTEND, "--resolve", LIVE.host() + ":80:" + GATEWAY, "-w", "=%{http_code}\n",
                "http://" + LIVE.host() + "/load/[1-20000]"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long changed;
        try {
            Thread.sleep(1000);
            assertTrue(load.isAlive(), "the load runs: " + Files.readString(output));
            writeManifest("live.yaml", PolicyObjects.live(GUESTS_RULE));
            long written = System.nanoTime();
            Tools.await(WITHIN, () -> "the new policy lets the guest in", r -> status(r).equals("200"),
                    () -> request(guestNs, GUEST, LIVE, "GET", "/"));
            changed = (System.nanoTime() - written) / 1_000_000;
            assertTrue(load.isAlive(), "the load still ran when the new policy applied");
            Thread.sleep(500);
        } finally {
            load.destroy();
            if (!load.waitFor(5, TimeUnit.SECONDS)) {
                load.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            writeManifest("live.yaml", PolicyObjects.live(null));
        }
        List<String> statuses = Files.readAllLines(output).stream().filter(l -> l.startsWith("=")).toList();
        List<String> failed = statuses.stream().filter(s -> !s.equals("=200")).toList();
        System.out.printf("PolicyIT: policy replaced under load: the guest's verdict turned after %d ms (file watch "
                + "included), %d frontend requests, %d failed%n", changed, statuses.size(), failed.size());
        assertTrue(statuses.size() >= 100, "the load sent requests: " + statuses.size());
        assertEquals(List.of(), failed, "no frontend request failed while the policy changed");
        Tools.await(WITHIN, () -> "the guest refused again once live is put back", r -> status(r).equals("403"),
                () -> request(guestNs, GUEST, LIVE, "GET", "/"));
    }

    /**
     * A new policy with an egress section and an edit of live with a CIDR that is none are refused, each naming the
     * file, the object, the field and the reason; the policies in force stay as they were.
     */
    @Test
    @Order(8)
    void badManifestsAreRefusedWithTheFieldAndChangeNothing() throws Exception {
        try {
            writeManifest("with-egress.yaml", PolicyObjects.WITH_EGRESS);
            String egress = box.awaitLine("CiliumNetworkPolicy polit/with-egress: ", WITHIN);
            assertTrue(egress.contains("with-egress.yaml: CiliumNetworkPolicy polit/with-egress: spec.egress: the box"
                    + " enforces ingress only"), egress);

            writeManifest("live.yaml", PolicyObjects.live("fromCIDR: [10.98.2.0/33]"));
            String cidr = box.awaitLine("CiliumNetworkPolicy polit/live: ", WITHIN);
            assertTrue(cidr.contains("live.yaml: CiliumNetworkPolicy polit/live: spec.ingress[1].fromCIDR[0]:"
                    + " \"10.98.2.0/33\": the prefix length must be 0 to 32"), cidr);

            String config = console("config:list");
            assertTrue(config.contains("spec.egress") && config.contains("spec.ingress[1].fromCIDR[0]"),
                    "config:list shows both refusals:\n" + config);
            String list = console("policy:list");
            assertFalse(list.contains("polit/with-egress"), "the refused policy is not in force:\n" + list);
            assertEquals("1", row(list, "CiliumNetworkPolicy polit/live").get(1), "live keeps its one rule:\n" + list);
            served(frontendNs, FRONTEND, LIVE, "GET", "/");
            refused(guestNs, GUEST, LIVE, "GET", "/");
        } finally {
            Files.deleteIfExists(box.home.resolve("etc/manifests/with-egress.yaml"));
            writeManifest("live.yaml", PolicyObjects.live(null));
        }
    }

    /** policy:trace names the verdict, the deciding policy and rule and both identities; policy:list the counts. */
    @Test
    @Order(9)
    void traceAndListExplainTheVerdicts() throws Exception {
        String allowed = console("policy:trace --src " + FRONTEND + " --dst default/web --port 80/TCP");
        assertTrue(allowed.contains("backend:     " + WEB.at() + " of Service default/web"), allowed);
        assertTrue(allowed.contains("verdict:     ALLOW"), allowed);
        assertTrue(allowed.contains("source:      " + FRONTEND + " -> ") && allowed.contains("k8s:app=frontend")
                && allowed.contains("(CiliumCIDRGroup frontend)"), allowed);
        assertTrue(allowed.contains("destination: ") && allowed.contains("k8s:app=web"), allowed);
        assertTrue(allowed.contains("selected by: CiliumNetworkPolicy default/allow-web"), allowed);
        assertTrue(allowed.contains("why:         allowed by CiliumNetworkPolicy default/allow-web spec.ingress[0]"),
                allowed);

        String denied = console("policy:trace --src " + GUEST + " --dst default/web --port 80/TCP");
        assertTrue(denied.contains("verdict:     DENY"), denied);
        assertTrue(denied.contains("k8s:app=guest") && denied.contains("(CiliumCIDRGroup guests)"), denied);
        assertTrue(denied.contains("default deny") && denied.contains("CiliumNetworkPolicy default/allow-web"), denied);

        String get = console("policy:trace --src " + FRONTEND + " --dst polit/api --port 80/TCP --http GET /public/x");
        assertTrue(get.contains("verdict:     ALLOW") && get.contains("port:        80/TCP GET /public/x"), get);
        assertTrue(get.contains("CiliumNetworkPolicy polit/api spec.ingress[0]"), get);
        String post = console("policy:trace --src " + FRONTEND
                + " --dst polit/api --port 80/TCP --http POST /public/x");
        assertTrue(post.contains("verdict:     DENY")
                && post.contains("no rules.http of CiliumNetworkPolicy polit/api spec.ingress[0]"), post);

        String byAddress = console("policy:trace --src " + FRONTEND + " --dst " + OUT_OF_RANGE.address()
                + " --port 8200/TCP");
        assertTrue(byAddress.contains("verdict:     DENY") && byAddress.contains("k8s:app=ranged")
                && byAddress.contains("CiliumNetworkPolicy polit/ranged deny by default"), byAddress);

        refused(guestNs, GUEST, WEB, "GET", "/listed");
        String list = console("policy:list");
        List<String> web = row(list, "CiliumNetworkPolicy default/allow-web");
        assertEquals("enforce", web.get(0), list);
        assertTrue(Long.parseLong(web.get(2)) >= 1 && Long.parseLong(web.get(3)) >= 1, "allowed and denied: " + list);
        assertTrue(web.get(5).startsWith(WEB.address() + " (app=web"), "allow-web selects the web backend: " + list);
        for (String policy : List.of("guarded", "cidrset", "ranged", "api", "audited", "audited-deny", "live")) {
            row(list, "CiliumNetworkPolicy polit/" + policy);
        }
        assertTrue(list.contains("frontend") && list.contains("10.98.1.0/24") && list.contains("10.98.2.0/24"), list);
    }

    /**
     * The load balancer asks per new flow, with the backend Maglev picked ({@link PolicyLbSegment}): allow-web admits
     * the frontend client's connection to the VIP and drops the world client's SYN in the box; tshark at the backend
     * sees the one and nothing of the other.
     */
    @Test
    @Order(10)
    void theLoadBalancerDropsADeniedClientsSynBeforeABackend() throws Exception {
        try (PolicyLbSegment lb = PolicyLbSegment.start(dir.resolve("lb"), "pol" + id)) {
            Tools.await(WITHIN, () -> "the frontend client reaches the VIP\n" + lb.box.output(),
                    r -> r.exit() == 0 && r.out().strip().equals("b1"), () -> lb.curl(lb.frontendNs, 2));
            Tools.await(WITHIN, () -> "allow-web in force: the world client gets no connection\n" + lb.box.output(),
                    r -> r.exit() != 0, () -> lb.curl(lb.worldNs, 1));
            try (Capture wire = Capture.start(lb.backendNs, "tcp port 80", "PolicyIT-lb-b1-wire")) {
                Tools.Result denied = lb.curl(lb.worldNs, 2);
                assertNotEquals(0, denied.exit(), "the world client gets no connection: " + denied);
                Tools.Result allowed = lb.curl(lb.frontendNs, 2);
                assertEquals("b1", allowed.out().strip(), "the frontend client is served: " + allowed);
                assertTrue(wire.await(f -> f.ip(PolicyLbSegment.FRONTEND, PolicyLbSegment.VIP), Duration.ofSeconds(5))
                        .isPresent(), "the capture at the backend sees the frontend's flow:\n" + wire.dump());
                List<Capture.Frame> leaked = wire.frames().stream()
                        .filter(f -> f.ipSrc().equals(PolicyLbSegment.WORLD)).toList();
                assertEquals(List.of(), leaked, "frames of the world client at the backend");
            }
            String line = lb.box.awaitLine("policy DENY lb " + PolicyLbSegment.WORLD + " ", WITHIN);
            assertTrue(line.contains(PolicyLbSegment.BACKEND + ":80/TCP")
                    && line.contains("CiliumNetworkPolicy default/allow-web default deny"), line);
        }
    }

    /** curl from {@code ns}, sent from {@code source}, to the backend's hostname on the Gateway: body, then status. */
    static Tools.Result request(String ns, String source, Backend to, String method, String path) throws Exception {
        return Tools.run(Duration.ofSeconds(10), null, Netns.in(ns, "curl", "-sS", "--max-time", "5", "--interface",
                source, "--resolve", to.host() + ":80:" + GATEWAY, "-X", method, "-w", "\n%{http_code}",
                "http://" + to.host() + path));
    }

    static String status(Tools.Result r) {
        String[] lines = r.out().split("\n");
        return lines[lines.length - 1];
    }

    static void served(String ns, String source, Backend to, String method, String path) throws Exception {
        Tools.Result r = request(ns, source, to, method, path);
        assertEquals("200", status(r), method + " " + path + " from " + source + " to " + to.name() + ": " + r);
        assertTrue(r.out().startsWith("backend " + to.at() + " " + method + " " + path + "\n"),
                "answered by " + to.at() + ": " + r);
    }

    static void refused(String ns, String source, Backend to, String method, String path) throws Exception {
        Tools.Result r = request(ns, source, to, method, path);
        assertEquals("403", status(r), method + " " + path + " from " + source + " to " + to.name() + ": " + r);
        assertTrue(r.out().startsWith("access denied\n"), "the proxy's short refusal: " + r);
    }

    /** The requests the backend {@code b} has received so far. */
    static long count(Backend b) throws Exception {
        String answer = backends.ask("count " + b.at(), WITHIN);
        assertTrue(answer.startsWith("count "), answer);
        return Long.parseLong(answer.substring(6));
    }

    /** The MODE, RULES, ALLOWED, DENIED, AUDITED and SELECTS cells of a policy's row in policy:list. */
    static List<String> row(String list, String policy) {
        for (String line : list.split("\n")) {
            if (line.startsWith(policy + " ")) {
                String[] cells = line.substring(policy.length()).strip().split("\\s+", 6);
                return List.of(cells);
            }
        }
        throw new AssertionError("no row for " + policy + " in policy:list:\n" + list);
    }

    static String metrics() throws Exception {
        return Tools.run(Duration.ofSeconds(10), null, Netns.in(net.box, "curl", "-sS", "--max-time", "5",
                "http://127.0.0.1:" + box.healthPort + "/metrics")).out();
    }

    /** A console command over SSH inside the box's namespace; fails on a non-zero exit. */
    static String console(String command) throws Exception {
        List<String> ssh = new ArrayList<>(Tools.sshBase(box.sshPort));
        ssh.addAll(List.of("-o", "IdentitiesOnly=yes", "-i", key.toString(), "edgebox@127.0.0.1", command));
        Tools.Result r = Tools.run(Duration.ofSeconds(20), null, Netns.in(net.box, ssh.toArray(String[]::new)));
        assertEquals(0, r.exit(), command + ": " + r);
        return r.out();
    }

    /** Writes {@code etc/manifests/NAME} atomically, as an editor would. */
    static void writeManifest(String name, String text) throws Exception {
        Path staging = Files.createDirectories(box.home.resolve("manifest-staging")).resolve(name);
        Files.writeString(staging, text);
        Files.move(staging, box.home.resolve("etc/manifests").resolve(name), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
