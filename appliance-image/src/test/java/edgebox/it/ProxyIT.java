package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy feature in the built distribution, driven by real clients: curl over HTTP/1.1, h2c and HTTP/2 over TLS,
 * h2load and wrk for load. Two JDK backends tell which one a request reached and what the proxy added on the way.
 */
class ProxyIT {

    static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static Box box;
    static Path key;
    static Backend a;
    static Backend b;
    static WsEchoBackend ws;
    static int http;
    static int https;

    @BeforeAll
    static void start() throws Exception {
        a = Backend.start("A");
        b = Backend.start("B");
        ws = WsEchoBackend.start();
        box = Box.create(dir, "ProxyIT");
        key = box.authorize(dir, "operator");
        http = Box.freePort();
        https = Box.freePort();
        box.writeCfg("edgebox.features", "boot = core,proxy\n");
        Path manifests = box.home.resolve("etc/manifests");
        Files.deleteIfExists(manifests.resolve("demo.yaml"));
        writeManifest("it.yaml", manifest("A"));
        box.start().awaitReady();
        Tools.Result up = Tools.until(WITHIN, r -> r.exit() == 0, () -> curl("http://127.0.0.1:" + http + "/app/x"));
        assertEquals(0, up.exit(), "the proxy serves on " + http + ": " + up + "\noutput:\n" + box.output());
        // The Secret reaches the certificate index on its own Config Admin delivery, possibly after the routes.
        Tools.Result tls = Tools.until(WITHIN, r -> r.exit() == 0, () -> curl("-k", "--resolve",
                "localhost:" + https + ":127.0.0.1", "https://localhost:" + https + "/app/x"));
        assertEquals(0, tls.exit(), "the proxy terminates TLS on " + https + ": " + tls + "\noutput:\n"
                + box.output());
    }

    @AfterAll
    static void stop() throws Exception {
        if (box != null) {
            box.close();
        }
        a.close();
        b.close();
        ws.close();
    }

    /** The demo configuration's TLS Secret (a self-signed certificate for localhost), moved to this test's namespace. */
    static String demoSecret() throws Exception {
        String demo = Files.readString(Box.DIST.resolve("etc/manifests/demo.yaml"));
        for (String doc : demo.split("\n---\n")) {
            if (doc.contains("type: kubernetes.io/tls")) {
                return doc.replace("namespace: default", "namespace: it");
            }
        }
        throw new AssertionError("no Secret in the demo configuration");
    }

    static String manifest(String appBackend) throws Exception {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: it}
                spec:
                  gatewayClassName: edgebox
                  listeners:
                    - {name: http, protocol: HTTP, port: %d}
                    - name: https
                      protocol: HTTPS
                      port: %d
                      tls: {mode: Terminate, certificateRefs: [{kind: Secret, name: demo-tls}]}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: app, namespace: it}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                    - matches: [{path: {type: PathPrefix, value: /app}}]
                      backendRefs: [{name: svc-%s, port: 80}]
                    - matches: [{path: {type: PathPrefix, value: /app}, headers: [{name: X-Canary, value: "yes"}]}]
                      backendRefs: [{name: svc-b, port: 80}]
                    - matches: [{path: {type: PathPrefix, value: /ws}}]
                      backendRefs: [{name: svc-ws, port: 80}]
                    - matches: [{path: {type: Exact, value: /old}}]
                      filters:
                        - type: RequestRedirect
                          requestRedirect: {path: {type: ReplaceFullPath, replaceFullPath: /new}, statusCode: 301}
                ---
                %s
                ---
                %s
                ---
                %s
                ---
                %s
                ---
                %s
                ---
                %s
                ---
                %s
                """.formatted(http, https, appBackend.toLowerCase(),
                service("A"), slice("A", a.port), service("B"), slice("B", b.port), demoSecret(),
                service("ws").replace("protocol: TCP", "protocol: TCP, appProtocol: kubernetes.io/ws"),
                slice("ws", ws.port));
    }

    static String service(String name) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: svc-%s, namespace: it}
                spec:
                  ports: [{name: http, port: 80, targetPort: 8000, protocol: TCP}]""".formatted(name.toLowerCase());
    }

    static String slice(String name, int port) {
        return """
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: svc-%s-1
                  namespace: it
                  labels: {kubernetes.io/service-name: svc-%s}
                addressType: IPv4
                ports: [{name: http, port: %d, protocol: TCP}]
                endpoints: [{addresses: ["127.0.0.1"], conditions: {ready: true}}]"""
                .formatted(name.toLowerCase(), name.toLowerCase(), port);
    }

    static void writeManifest(String name, String text) throws Exception {
        Path staging = Files.createDirectories(box.home.resolve("manifest-staging")).resolve(name);
        Files.writeString(staging, text);
        Files.move(staging, box.home.resolve("etc/manifests").resolve(name), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** curl printing the body, then a last line {@code STATUS VERSION LOCATION}. */
    static Tools.Result curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "5", "-w",
                "\n%{http_code} %{http_version} %{redirect_url}"));
        cmd.addAll(List.of(args));
        return Tools.run(Duration.ofSeconds(10), null, cmd.toArray(String[]::new));
    }

    static String last(Tools.Result r) {
        String[] lines = r.out().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void http11ReachesTheRoutedBackendWithForwardingHeaders() throws Exception {
        Tools.Result r = curl("http://127.0.0.1:" + http + "/app/x?q=1");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(last(r).startsWith("200 1.1"), r.toString());
        assertTrue(r.out().startsWith("A GET /app/x?q=1 "), r.toString());
        assertTrue(r.out().contains("xff=127.0.0.1"), r.toString());
        assertTrue(r.out().contains("xfp=http"), r.toString());
        assertFalse(r.out().contains("rid=null"), "a request id is added: " + r);

        Tools.Result kept = curl("-H", "X-Request-Id: abc-123", "http://127.0.0.1:" + http + "/app/");
        assertTrue(kept.out().contains("rid=abc-123"), "a client's request id is kept: " + kept);
    }

    @Test
    void aHeaderMatchOutranksTheBarePrefix() throws Exception {
        Tools.Result r = curl("-H", "X-Canary: yes", "http://127.0.0.1:" + http + "/app/x");
        assertTrue(r.out().startsWith("B "), r.toString());
    }

    @Test
    void noRouteIs404AndRedirectsAreAnswered() throws Exception {
        assertTrue(last(curl("http://127.0.0.1:" + http + "/elsewhere")).startsWith("404 "));
        Tools.Result r = curl("http://127.0.0.1:" + http + "/old");
        assertTrue(last(r).startsWith("301 "), r.toString());
        assertTrue(last(r).endsWith(":" + http + "/new"), r.toString());
    }

    @Test
    void http2OverTlsByAlpnAndH2cByPriorKnowledge() throws Exception {
        Tools.Result tls = curl("-k", "--http2", "--resolve", "localhost:" + https + ":127.0.0.1",
                "https://localhost:" + https + "/app/tls");
        assertTrue(last(tls).startsWith("200 2"), tls.toString());
        assertTrue(tls.out().startsWith("A GET /app/tls ") && tls.out().contains("xfp=https"), tls.toString());

        Tools.Result h2c = curl("--http2-prior-knowledge", "http://127.0.0.1:" + http + "/app/h2c");
        assertTrue(last(h2c).startsWith("200 2"), h2c.toString());

        Tools.Result tls11 = curl("-k", "--http1.1", "--resolve", "localhost:" + https + ":127.0.0.1",
                "https://localhost:" + https + "/app/tls");
        assertTrue(last(tls11).startsWith("200 1.1"), tls11.toString());
    }

    @Test
    void h2loadOverTlsGetsOnly2xx() throws Exception {
        Tools.Result r = Tools.run(Duration.ofSeconds(60), null, "h2load", "-n", "2000", "-c", "10", "-m", "10",
                "https://127.0.0.1:" + https + "/app/load");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("2000 succeeded, 0 failed, 0 errored"), r.out());
        assertTrue(r.out().contains("status codes: 2000 2xx"), r.out());
    }

    @Test
    void aRouteChangeUnderLoadAppliesAndDropsNothing() throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t1", "-c10", "-d6s", "http://127.0.0.1:" + http + "/app/live")
                .redirectErrorStream(true).start();
        try {
            Thread.sleep(1500);
            long before = b.requests.get();
            writeManifest("it.yaml", manifest("B"));
            long written = System.nanoTime();
            Tools.Result moved = Tools.until(WITHIN, r -> r.out().startsWith("B "),
                    () -> curl("http://127.0.0.1:" + http + "/app/live"));
            System.out.printf("route change seen by a client after %d ms (file watch included)%n",
                    (System.nanoTime() - written) / 1_000_000);
            assertTrue(moved.out().startsWith("B "), moved.toString());
            assertTrue(wrk.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "wrk ends");
            String out = new String(wrk.getInputStream().readAllBytes());
            assertTrue(out.contains("requests in"), out);
            assertFalse(out.contains("Non-2xx"), "no failed request during the change:\n" + out);
            assertFalse(out.contains("Socket errors"), "no socket error during the change:\n" + out);
            assertTrue(b.requests.get() > before + 100, "the load moved to B: " + out);
        } finally {
            wrk.destroyForcibly();
            writeManifest("it.yaml", manifest("A"));
            Tools.until(WITHIN, r -> r.out().startsWith("A "), () -> curl("http://127.0.0.1:" + http + "/app/x"));
        }
    }

    @Test
    void aWebSocketIsRelayedBothWays() throws Exception {
        var received = new java.util.concurrent.CompletableFuture<String>();
        var socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(java.net.URI.create("ws://127.0.0.1:" + http + "/ws/chat"),
                        new java.net.http.WebSocket.Listener() {
                            @Override
                            public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w,
                                    CharSequence data, boolean last) {
                                received.complete(data.toString());
                                return null;
                            }
                        })
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        socket.sendText("hello through edgebox", true).get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("echo: hello through edgebox", received.get(10, java.util.concurrent.TimeUnit.SECONDS));
        socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "").get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * testssl.sh (protocols, cipher lists, forward secrecy, known vulnerabilities) finds nothing weaker than OK/INFO:
     * TLS 1.2 and 1.3 only, strong ciphers only.
     */
    @Test
    void testsslFindsNothingWeak() throws Exception {
        Path json = dir.resolve("testssl.json");
        Tools.Result r = Tools.run(Duration.ofSeconds(240), null, "testssl", "--quiet", "--color", "0",
                "--warnings", "off", "--jsonfile", json.toString(), "-p", "-s", "-f", "-U", "--ip", "127.0.0.1",
                "localhost:" + https);
        assertTrue(Files.isRegularFile(json), r.toString());
        java.util.Map<String, String> byId = new java.util.HashMap<>();
        List<String> weak = new ArrayList<>();
        for (String object : Files.readString(json).split("\\}")) {
            String id = field(object, "id");
            String severity = field(object, "severity");
            if (id == null || severity == null) {
                continue;
            }
            byId.put(id, field(object, "finding"));
            if (!List.of("OK", "INFO").contains(severity) && !"engine_problem".equals(id)) {
                weak.add(severity + " " + id + ": " + field(object, "finding"));
            }
        }
        assertTrue(weak.isEmpty(), "testssl findings: " + weak);
        for (String protocol : List.of("SSLv2", "SSLv3", "TLS1", "TLS1_1")) {
            assertEquals("not offered", byId.get(protocol), protocol + ": " + byId);
        }
        assertTrue(byId.getOrDefault("TLS1_2", "").startsWith("offered"), "TLS 1.2: " + byId);
        assertTrue(byId.getOrDefault("TLS1_3", "").startsWith("offered"), "TLS 1.3: " + byId);
    }

    /** The value of {@code "name" : "value"} in one flat JSON object's text; null when absent. */
    private static String field(String object, String name) {
        var m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(object);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void metricsCountRequestsByRouteAndAccessLogLinesAreWritten() throws Exception {
        curl("http://127.0.0.1:" + http + "/app/metered");
        Tools.Result metrics = Tools.until(WITHIN, r -> r.out().contains("edgebox_proxy_requests_total{"),
                () -> Tools.curl("http://127.0.0.1:" + box.healthPort + "/metrics"));
        assertTrue(metrics.out().contains("edgebox_proxy_requests_total{") && metrics.out().contains("it/app"),
                metrics.out());
        assertTrue(metrics.out().contains("edgebox_proxy_request_duration_seconds_bucket{"), metrics.out());
        assertTrue(metrics.out().contains("edgebox_proxy_active_connections"), metrics.out());
        Tools.Result check = Tools.promtool(metrics.out());
        assertEquals(0, check.exit(), check.toString());
        Path log = box.home.resolve("data/log/proxy-access.log");
        String lines = Tools.until(WITHIN, t -> t.contains("/app/metered"),
                () -> Files.isRegularFile(log) ? Files.readString(log) : "");
        assertTrue(lines.contains("\"path\":\"/app/metered\"") && lines.contains("\"response_code\":200"),
                "one JSON line per request in " + log + ":\n" + lines);
    }

    @Test
    void consoleShowsGatewaysAndRoutes() throws Exception {
        Tools.Result gw = Tools.ssh(box.sshPort, key, "proxy:gateways");
        assertEquals(0, gw.exit(), gw.toString());
        assertTrue(gw.out().contains("it/gw") && gw.out().contains("Programmed"), gw.out());
        Tools.Result routes = Tools.ssh(box.sshPort, key, "proxy:routes");
        assertTrue(routes.out().contains("it/app") && routes.out().contains("Accepted"), routes.out());
    }
}
