package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ACME feature in the built distribution (boot = core, proxy, dns, acme) against Debian's Pebble on loopback,
 * whose {@code -dnsserver} is the box's own DNS and whose HTTP-01 port is the proxy's HTTP listener: a wildcard and
 * its apex by DNS-01 through the box's DNS, a route hostname by HTTP-01 through the proxy, both served by the proxy's
 * HTTPS listener (curl trusts only Pebble's root); keys and certificates stored 0600; the console and metrics show
 * them; acme:renew swaps the served certificate; a restart serves the stored one without a new issuance. The
 * Cloudflare solver (against a local double of its API) takes its token from a {@code v1} Opaque Secret manifest
 * and, for another ClusterIssuer, from the file {@code etc/secrets/cert-manager/NAME/KEY}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AcmeIT {

    static final Duration WITHIN = Duration.ofSeconds(30);
    /** What {@code openssl x509 -noout -serial} prints for a certificate. */
    static final Pattern SERIAL = Pattern.compile("serial=[0-9A-F]+");

    @TempDir
    static Path dir;
    static Box box;
    static Path key;
    static Backend app;
    static Process pebble;
    static int dnsPort;
    static int http;
    static int https;
    static int pebblePort;
    static int pebbleManagement;
    static Path root;
    static com.sun.net.httpserver.HttpServer cloudflare;
    static final List<String> CF_CALLS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        app = Backend.start("A");
        box = Box.create(dir, "AcmeIT");
        key = box.authorize(dir, "operator");
        dnsPort = Box.freePort();
        http = Box.freePort();
        https = Box.freePort();
        pebblePort = Box.freePort();
        pebbleManagement = Box.freePort();
        Path ca = startPebble(dir.resolve("pebble"));
        cloudflare = cloudflareDouble();
        // one token as Kubernetes would mount the Secret cert-manager/cloudflare-file-token; the other is a manifest
        Path token = box.home.resolve("etc/secrets/cert-manager/cloudflare-file-token/api-token");
        Files.createDirectories(token.getParent());
        Files.writeString(token, "cf-file-token\n");
        box.writeCfg("edgebox.acme", "cloudflareApi = http://127.0.0.1:" + cloudflare.getAddress().getPort()
                + "/client/v4\n");
        box.writeCfg("edgebox.features", "boot = core,proxy,dns,acme\n");
        box.writeCfg("edgebox.dns", "address = 127.0.0.1\nport = " + dnsPort + "\ngatewayDomains = acme.test\n");
        Path manifests = box.home.resolve("etc/manifests");
        Files.deleteIfExists(manifests.resolve("demo.yaml"));
        // the demo's own ACME scenario (a Pebble on 14000) is AcmeDemoIT's
        Files.deleteIfExists(manifests.resolve("acme-pebble.yaml"));
        Files.writeString(manifests.resolve("it.yaml"), """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: it}
                spec:
                  gatewayClassName: edgebox
                  addresses: [{type: IPAddress, value: 127.0.0.1}]
                  listeners:
                    - {name: http, protocol: HTTP, port: %d}
                    - name: https
                      protocol: HTTPS
                      port: %d
                      tls: {mode: Terminate, certificateRefs: [{kind: Secret, name: acme-tls}, {kind: Secret, name: web-tls}]}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: app, namespace: it}
                spec:
                  parentRefs: [{name: gw}]
                  hostnames: ["acme.test", "*.acme.test"]
                  rules: [{backendRefs: [{name: svc-a, port: 80}]}]
                ---
                %s
                ---
                %s
                ---
                apiVersion: cert-manager.io/v1
                kind: ClusterIssuer
                metadata: {name: pebble}
                spec:
                  acme:
                    server: https://127.0.0.1:%d/dir
                    email: ops@acme.test
                    privateKeySecretRef: {name: pebble-account}
                    caBundle: %s
                    solvers:
                      - dns01: {edgebox: {}}
                      - selector: {dnsNames: [web.acme.test]}
                        http01:
                          gatewayHTTPRoute:
                            parentRefs: [{name: gw, namespace: it}]
                ---
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: acme, namespace: it}
                spec:
                  secretName: acme-tls
                  dnsNames: ["*.acme.test", "acme.test"]
                  issuerRef: {name: pebble, kind: ClusterIssuer, group: cert-manager.io}
                  privateKey: {algorithm: ECDSA, size: 256}
                  renewBefore: 720h
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: cloudflare-token, namespace: cert-manager}
                type: Opaque
                data: {api-token: %s}
                ---
                apiVersion: cert-manager.io/v1
                kind: ClusterIssuer
                metadata: {name: cloudflare}
                spec:
                  acme:
                    server: https://127.0.0.1:%d/dir
                    privateKeySecretRef: {name: pebble-account}
                    caBundle: %s
                    solvers:
                      - dns01:
                          cloudflare:
                            apiTokenSecretRef: {name: cloudflare-token, key: api-token}
                ---
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: cf, namespace: it}
                spec:
                  secretName: cf-tls
                  dnsNames: [www.cf.test]
                  issuerRef: {name: cloudflare, kind: ClusterIssuer}
                ---
                apiVersion: cert-manager.io/v1
                kind: ClusterIssuer
                metadata: {name: cloudflare-file}
                spec:
                  acme:
                    server: https://127.0.0.1:%d/dir
                    privateKeySecretRef: {name: pebble-account}
                    caBundle: %s
                    solvers:
                      - dns01:
                          cloudflare:
                            apiTokenSecretRef: {name: cloudflare-file-token, key: api-token}
                ---
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: cf-file, namespace: it}
                spec:
                  secretName: cf-file-tls
                  dnsNames: [file.cf.test]
                  issuerRef: {name: cloudflare-file, kind: ClusterIssuer}
                ---
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: web, namespace: it}
                spec:
                  secretName: web-tls
                  dnsNames: [web.acme.test]
                  issuerRef: {name: pebble, kind: ClusterIssuer}
                """.formatted(http, https, ProxyIT.service("A"), ProxyIT.slice("A", app.port), pebblePort,
                Base64.getEncoder().encodeToString(Files.readAllBytes(ca)),
                Base64.getEncoder().encodeToString("cf-manifest-token\n".getBytes(StandardCharsets.US_ASCII)),
                pebblePort,
                Base64.getEncoder().encodeToString(Files.readAllBytes(ca)), pebblePort,
                Base64.getEncoder().encodeToString(Files.readAllBytes(ca))));
        box.start().awaitReady();
        root = dir.resolve("pebble-root.pem");
        Tools.Result r = Tools.run(Duration.ofSeconds(10), null, "curl", "-sS", "-f", "--cacert", ca.toString(),
                "-o", root.toString(), "https://127.0.0.1:" + pebbleManagement + "/roots/0");
        assertEquals(0, r.exit(), "Pebble's root: " + r);
    }

    @AfterAll
    static void stop() throws Exception {
        if (box != null) {
            box.close();
        }
        if (pebble != null) {
            pebble.destroy();
            pebble.waitFor(5, TimeUnit.SECONDS);
        }
        if (app != null) {
            app.close();
        }
        if (cloudflare != null) {
            cloudflare.stop(0);
        }
    }

    /**
     * Just enough of the Cloudflare API v4 to see the box use it: the zone cf.test, records created and deleted,
     * each call logged with its Authorization header. Its records reach no DNS, so Pebble's validation fails.
     */
    static com.sun.net.httpserver.HttpServer cloudflareDouble() throws IOException {
        var server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/client/v4/", ex -> {
            String path = ex.getRequestURI().getPath().substring("/client/v4".length());
            CF_CALLS.add(ex.getRequestMethod() + " " + path + " " + ex.getRequestHeaders().getFirst("Authorization"));
            ex.getRequestBody().readAllBytes();
            String result = path.equals("/zones") ? "[{\"id\":\"zone-cf\",\"name\":\"cf.test\"}]"
                    : ex.getRequestMethod().equals("POST") ? "{\"id\":\"rec" + CF_CALLS.size() + "\"}"
                    : ex.getRequestMethod().equals("DELETE") ? "{\"id\":\"x\"}" : "[]";
            byte[] body = ("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + result + "}").getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return server;
    }

    /** Pebble with its own throwaway TLS CA (returned), asking the box's DNS, checking HTTP-01 on the proxy's port. */
    static Path startPebble(Path pdir) throws Exception {
        AcmePebble p = AcmePebble.start(pdir, "AcmeIT", pebblePort, pebbleManagement, http, dnsPort);
        pebble = p.process;
        return p.ca;
    }

    /** curl over TLS to the proxy for {@code host}, trusting only Pebble's issuing root. */
    static Tools.Result get(String host) throws Exception {
        return Tools.run(Duration.ofSeconds(10), null, "curl", "-sS", "-f", "--max-time", "5", "--cacert",
                root.toString(), "--resolve", host + ":" + https + ":127.0.0.1", "https://" + host + ":" + https + "/x");
    }

    /** The serial ({@code serial=HEX}) of the certificate the proxy presents for {@code host}; "" if none. */
    static String servedSerial(String host) throws Exception {
        return served(host, "-serial");
    }

    /**
     * {@code openssl x509 -noout OPTIONS} of the certificate the proxy presents for {@code host}; "" when the proxy
     * presents none (s_client connected but got no certificate). Fails with openssl's output when s_client could not
     * connect or x509 could not read the certificate.
     */
    static String served(String host, String... options) throws Exception {
        Tools.Result hello = Tools.run(Duration.ofSeconds(10), null, "openssl", "s_client", "-connect",
                "127.0.0.1:" + https, "-servername", host);
        if (!hello.out().contains("-----BEGIN CERTIFICATE-----")) {
            if (hello.out().contains("CONNECTED(") && hello.out().contains("no peer certificate available")) {
                return "";
            }
            throw new AssertionError("openssl s_client -connect 127.0.0.1:" + https + " -servername " + host
                    + ": neither a certificate nor 'no peer certificate available': " + hello);
        }
        List<String> x509 = new java.util.ArrayList<>(List.of("openssl", "x509", "-noout"));
        x509.addAll(List.of(options));
        Tools.Result r = Tools.run(Duration.ofSeconds(10), hello.out().getBytes(StandardCharsets.UTF_8),
                x509.toArray(String[]::new));
        if (r.exit() != 0) {
            throw new AssertionError(String.join(" ", x509) + " of the certificate served for " + host + ": " + r);
        }
        return r.out().trim();
    }

    @Test
    @Order(1)
    void wildcardAndApexIssuedByDns01ThroughTheBoxsDnsAndServedByTheProxy() throws Exception {
        Tools.Result r = Tools.until(WITHIN, x -> x.exit() == 0, () -> get("www.acme.test"));
        assertEquals(0, r.exit(), "the proxy serves the issued wildcard: " + r + "\n" + box.output());
        assertTrue(r.out().startsWith("A GET /x"), r.out());
        Tools.Result apex = get("acme.test");
        assertEquals(0, apex.exit(), "the apex: " + apex);
        String line = box.awaitLine("Certificate it/acme issued", Duration.ofSeconds(5));
        System.out.println("AcmeIT: " + line);
    }

    @Test
    @Order(2)
    void routeHostnameIssuedByHttp01ThroughTheProxy() throws Exception {
        // the wildcard covers web.acme.test too: wait for the certificate whose only name it is (exact SAN first)
        String san = Tools.until(WITHIN, x -> x.contains("DNS:web.acme.test") && !x.contains("*"),
                () -> served("web.acme.test", "-ext", "subjectAltName"));
        assertTrue(san.contains("DNS:web.acme.test") && !san.contains("*"), san + "\n" + box.output());
        Tools.Result r = get("web.acme.test");
        assertEquals(0, r.exit(), "web.acme.test by HTTP-01: " + r);
        Tools.Result certs = Tools.ssh(box.sshPort, key, "acme:certs");
        assertTrue(certs.out().contains("it/web") && certs.out().contains("it/acme"), certs.toString());
        assertTrue(certs.out().matches("(?s).*it/acme\\s+ClusterIssuer/pebble\\s+True\\s+Ready.*"), certs.out());
    }

    @Test
    @Order(2)
    void cloudflareSolverTakesItsTokenFromASecretManifestOrTheMountedFileAndDeletesItsRecordsAfterTheFailures()
            throws Exception {
        // each token creates its TXT record and deletes it after Pebble's failed validation (those records reach no
        // DNS); a first try may fail earlier, when the Certificate arrives before its Secret, and is retried
        List<String> calls = Tools.until(WITHIN, c -> deletedWith(c, "cf-manifest-token")
                && deletedWith(c, "cf-file-token"), () -> List.copyOf(CF_CALLS));
        for (String token : List.of("cf-manifest-token", "cf-file-token")) {
            assertTrue(calls.contains("POST /zones/zone-cf/dns_records Bearer " + token), token + ": " + calls);
            assertTrue(deletedWith(calls, token), token + "'s record is deleted after the failure: " + calls);
        }
        Tools.Result certs = Tools.until(WITHIN, x -> x.out().matches("(?s).*it/cf .*failures \\d.*")
                && x.out().matches("(?s).*it/cf-file .*failures \\d.*"),
                () -> Tools.ssh(box.sshPort, key, "acme:certs"));
        assertTrue(certs.out().matches("(?s).*it/cf\\s+ClusterIssuer/cloudflare\\s+False\\s+Failed.*"), certs.out());
        assertTrue(certs.out().matches("(?s).*it/cf-file\\s+ClusterIssuer/cloudflare-file\\s+False\\s+Failed.*"),
                certs.out());
        assertTrue(!box.output().contains("cf-manifest-token") && !box.output().contains("cf-file-token"),
                "no token is ever logged");
    }

    private static boolean deletedWith(List<String> calls, String token) {
        return calls.stream().anyMatch(c -> c.startsWith("DELETE /zones/zone-cf/dns_records/rec")
                && c.endsWith(" Bearer " + token));
    }

    @Test
    @Order(3)
    void keysAndCertificatesAreStoredPrivately() throws Exception {
        Path data = box.home.resolve("data/acme");
        for (Path p : new Path[] {data.resolve("accounts/pebble-account.pem"), data.resolve("certs/it/acme-tls.pem"),
            data.resolve("certs/it/web-tls.pem")}) {
            assertTrue(Files.exists(p), p + " exists");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
        assertTrue(!box.output().contains("PRIVATE KEY"), "no key in the log");
        Tools.Result accounts = Tools.ssh(box.sshPort, key, "acme:accounts");
        assertTrue(accounts.out().contains("ClusterIssuer/pebble") && accounts.out().contains("https://127.0.0.1:"
                + pebblePort), accounts.toString());
        Tools.Result m = Tools.curl("http://127.0.0.1:" + box.healthPort + "/metrics");
        assertTrue(m.out().contains("edgebox_acme_certificate_not_after_seconds{certificate=\"it/acme-tls\"}"),
                m.out());
    }

    @Test
    @Order(4)
    void renewSwapsTheServedCertificateUnderLoadWithNoFailedRequest() throws Exception {
        String before = servedSerial("www.acme.test");
        assertTrue(SERIAL.matcher(before).matches(), "the wildcard's serial before the renewal: '" + before + "'");
        AtomicInteger ok = new AtomicInteger();
        List<String> failed = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread load = new Thread(() -> {
            // a new TLS connection per request, so each one meets the certificate index of its moment
            for (int i = 0; i < 2000 && !stop.get(); i++) {
                try {
                    Tools.Result r = get("www.acme.test");
                    if (r.exit() == 0) {
                        ok.incrementAndGet();
                    } else {
                        failed.add(r.toString());
                    }
                } catch (Exception e) {
                    failed.add(e.toString());
                }
            }
        }, "AcmeIT-load");
        load.start();
        try {
            Tools.await(WITHIN, () -> "5 requests answered before acme:renew" + loadSoFar(load, ok, failed),
                    n -> n >= 5, ok::get);
            Tools.Result renew = Tools.ssh(box.sshPort, key, "acme:renew it/acme");
            assertTrue(renew.out().contains("renewal of it/acme started"), renew.toString());
            String after = Tools.await(WITHIN, () -> "a certificate other than " + before + " served for "
                    + "www.acme.test after acme:renew\n" + box.output(),
                    x -> SERIAL.matcher(x).matches() && !x.equals(before), () -> servedSerial("www.acme.test"));
            System.out.println("AcmeIT: acme:renew swapped " + before + " for " + after);
            int seen = ok.get();
            Tools.await(WITHIN, () -> "5 more requests answered after the swap" + loadSoFar(load, ok, failed),
                    n -> n >= seen + 5, ok::get);
        } finally {
            stop.set(true);
            load.join(15_000);
        }
        assertTrue(failed.isEmpty(), failed.size() + " of " + (ok.get() + failed.size())
                + " requests failed during the swap: " + (failed.isEmpty() ? "" : failed.get(0)));
        System.out.println("AcmeIT: " + ok.get() + " requests across the renewal, none failed");
    }

    private static String loadSoFar(Thread load, AtomicInteger ok, List<String> failed) {
        return " (load " + (load.isAlive() ? "running" : "ended") + ": " + ok.get() + " answered, " + failed.size()
                + " failed" + (failed.isEmpty() ? "" : ", the first: " + failed.get(0)) + ")";
    }

    @Test
    @Order(5)
    void aRestartServesTheStoredCertificateWithoutANewIssuance() throws Exception {
        String before = servedSerial("web.acme.test");
        assertTrue(SERIAL.matcher(before).matches(), "web.acme.test's serial before the restart: '" + before + "'");
        assertEquals(0, box.terminate(Duration.ofSeconds(15)));
        box.start().awaitReady();
        Tools.Result r = Tools.until(WITHIN, x -> x.exit() == 0, () -> get("web.acme.test"));
        assertEquals(0, r.exit(), r + "\n" + box.output());
        assertEquals(before, servedSerial("web.acme.test"), "the stored certificate is served again");
        assertTrue(!box.output().contains("Certificate it/web issued"), "no new issuance:\n" + box.output());
    }

    @Test
    @Order(6)
    void sigkillDuringARenewalLeavesAValidCertificate() throws Exception {
        Tools.Result renew = Tools.ssh(box.sshPort, key, "acme:renew it/acme");
        assertTrue(renew.out().contains("renewal of it/acme started"), renew.toString());
        Tools.Result kill = Tools.run(Duration.ofSeconds(5), null, "kill", "-KILL", Long.toString(box.jvmPid()));
        assertEquals(0, kill.exit(), kill.toString());
        assertTrue(box.process().waitFor(10, TimeUnit.SECONDS), "the box ended");
        box.start().awaitReady();
        Tools.Result r = Tools.until(WITHIN, x -> x.exit() == 0, () -> get("www.acme.test"));
        assertEquals(0, r.exit(), "a valid certificate (the old or the new one) is served: " + r + "\n"
                + box.output());
        Path stored = box.home.resolve("data/acme/certs/it/acme-tls.pem");
        Tools.Result keyHalf = Tools.run(Duration.ofSeconds(10), null, "openssl", "pkey", "-in", stored.toString(),
                "-pubout");
        Tools.Result certHalf = Tools.run(Duration.ofSeconds(10), null, "openssl", "x509", "-in", stored.toString(),
                "-noout", "-pubkey");
        assertEquals(0, keyHalf.exit(), keyHalf.toString());
        assertEquals(keyHalf.out(), certHalf.out(), "the stored key and certificate belong together");
    }
}
