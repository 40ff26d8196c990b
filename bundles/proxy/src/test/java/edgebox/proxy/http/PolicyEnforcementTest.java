package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import edgebox.api.policy.Decision;
import edgebox.api.policy.HttpRequestInfo;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.route.RouteDecision.HeaderChanges;
import edgebox.proxy.route.RouteDecision;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;

/**
 * The proxy as a policy enforcement point, on real sockets on 127.0.0.1: each accepted connection asked for the
 * listener's address and port, each forwarded request for the backend endpoint (and per request where L7 rules
 * apply), each TLS passthrough connection for its endpoint.
 */
class PolicyEnforcementTest {

    static final String RULE = "policy default/allow-web rule 0";
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static ProxyHarness proxy() throws InterruptedException {
        return new ProxyHarness(Limits.defaults(), ProxyHarness.forwardAll(RouteDecision.Timeouts.NONE,
                RouteDecision.Retry.NONE));
    }

    @Test
    void aDeniedListenerConnectionIsClosedBeforeAnyRequest() throws Exception {
        try (ProxyHarness p = proxy()) {
            TestPolicy policy = TestPolicy.connections(a -> Decision.DENY);
            p.policy.set(policy);
            try (RawHttp c = new RawHttp(p.port())) {
                assertTrue(c.closedByPeer(), "a denied connection is closed");
            }
            assertEquals(List.of(new TestPolicy.Ask("proxy", LOOPBACK, LOOPBACK, PolicyDecisionPoint.TCP, p.port())),
                    policy.connections);
            assertEquals(0, p.backend.connections.get());
        }
    }

    @Test
    void requestsOnTheListenerNeedNoRequestAsksForTheBoxItself() throws Exception {
        try (ProxyHarness p = proxy()) {
            TestPolicy policy = TestPolicy.connections(a -> a.port() == p.port() ? Decision.REQUESTS : Decision.ALLOW);
            p.policy.set(policy);
            try (RawHttp c = new RawHttp(p.port())) {
                assertEquals(200, c.send("GET /a HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
                assertEquals(List.of(), policy.requests);
            }
        }
    }

    @Test
    void aRequestToADeniedBackendIsAnswered403AndTheBackendSeesNothing() throws Exception {
        try (ProxyHarness p = proxy()) {
            TestPolicy policy = TestPolicy.connections(a -> a.port() == p.port() ? Decision.ALLOW : Decision.DENY);
            p.policy.set(policy);
            try (RawHttp c = new RawHttp(p.port())) {
                RawHttp.Response r = c.send("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello").read();
                assertEquals(403, r.status());
                assertEquals("access denied\n", r.body());
                assertEquals(403, c.send("GET /y HTTP/1.1\r\nHost: a\r\n\r\n").read().status(),
                        "the connection is kept");
                assertEquals(0, p.backend.connections.get());
                assertTrue(p.backend.requests.isEmpty());
                TestPolicy.Ask backendAsk = policy.connections.get(1);
                assertEquals(new TestPolicy.Ask("proxy", LOOPBACK, p.backend.address().getAddress(),
                        PolicyDecisionPoint.TCP, p.backend.address().getPort()), backendAsk);
                assertEquals(3, policy.connections.size(), "one listener ask, then one backend ask per request");
                assertTrue(p.accessLine("\"path\":\"/x\"").contains("\"response_flags\":\"policy\""));
            }
        }
    }

    @Test
    void l7RulesAreAskedPerRequestWithMethodPathAndHeaders() throws Exception {
        try (ProxyHarness p = proxy()) {
            TestPolicy policy = new TestPolicy(a -> a.port() == p.port() ? Decision.ALLOW : Decision.REQUESTS,
                    r -> r.path().startsWith("/admin") ? Verdict.deny(RULE) : Verdict.ALLOW);
            p.policy.set(policy);
            try (RawHttp c = new RawHttp(p.port())) {
                RawHttp.Response denied = c.send("GET /admin?x=1 HTTP/1.1\r\nHost: shop.example\r\nX-Who: me\r\n"
                        + "x-who: you\r\n\r\n").read();
                assertEquals(403, denied.status());
                assertEquals("access denied\n", denied.body());
                assertFalse(denied.body().contains("allow-web"), "the client is never told the rule");
                RawHttp.Response allowed = c.send("PUT /shop HTTP/1.1\r\nHost: shop.example\r\n"
                        + "Content-Length: 2\r\n\r\nok").read();
                assertEquals(200, allowed.status());
                assertTrue(allowed.body().startsWith("PUT /shop\n"), allowed.body());
                assertEquals(1, p.backend.requests.size(), "the denied request never reached the backend");

                HttpRequestInfo first = policy.requests.get(0);
                assertEquals("proxy", first.function());
                assertEquals(LOOPBACK, first.client());
                assertEquals(p.backend.address().getAddress(), first.destination());
                assertEquals(p.backend.address().getPort(), first.port());
                assertEquals("GET", first.method());
                assertEquals("/admin?x=1", first.path());
                assertEquals(List.of("me", "you"), first.headers().get("x-who"));
                assertEquals(List.of("shop.example"), first.headers().get("host"));
                assertEquals("PUT", policy.requests.get(1).method());
                String line = p.accessLine("\"path\":\"/admin?x=1\"");
                assertNotNull(line);
                assertTrue(line.contains("\"response_flags\":\"policy:" + RULE + "\""), line);
            }
        }
    }

    @Test
    void aMirrorCopyGoesOnlyWhereThePolicyLetsTheClientGo() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        TestBackend mirror = new TestBackend(group);
        try (ProxyHarness p = new ProxyHarness(Limits.defaults(), (bound, backend) -> new FixedSnapshot(bound, false,
                head -> new RouteDecision.Forward("HTTPRoute test/route", 0, head.host(), head.path(),
                        HeaderChanges.NONE, HeaderChanges.NONE, new RouteDecision.WeightedClusters(
                                List.of(cluster("test/backend:80", backend)), new int[] {1}),
                        List.of(new RouteDecision.Mirror(cluster("test/mirror:80", mirror), 100)),
                        RouteDecision.Timeouts.NONE, RouteDecision.Retry.NONE)), null);
                RawHttp c = new RawHttp(p.port())) {
            int mirrorPort = mirror.address().getPort();
            java.util.concurrent.atomic.AtomicBoolean mirrorAllowed = new java.util.concurrent.atomic.AtomicBoolean();
            p.policy.set(TestPolicy.connections(a -> a.port() != mirrorPort || mirrorAllowed.get() ? Decision.ALLOW
                    : Decision.DENY));
            assertEquals(200, c.send("GET /first HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            assertEquals("/first", p.backend.requests.take().uri());
            mirrorAllowed.set(true);
            assertEquals(200, c.send("GET /second HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            assertEquals("/second", mirror.requests.poll(5, TimeUnit.SECONDS).uri(),
                    "the first copy was never sent: the policy denied the mirror");
        } finally {
            mirror.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static Cluster cluster(String name, TestBackend backend) {
        return new Cluster(name, "", List.of(new Endpoint(backend.address(), true, true)), "");
    }

    @Test
    void l7RulesSeeThePathTheBackendReceivesAfterAUrlRewrite() throws Exception {
        try (ProxyHarness p = new ProxyHarness(Limits.defaults(), cluster -> head -> ProxyHarness.forward(cluster,
                head.host(), "/internal" + head.path(), RouteDecision.Timeouts.NONE, RouteDecision.Retry.NONE));
                RawHttp c = new RawHttp(p.port())) {
            TestPolicy policy = new TestPolicy(a -> a.port() == p.port() ? Decision.ALLOW : Decision.REQUESTS,
                    r -> r.path().startsWith("/internal/admin") ? Verdict.deny(RULE) : Verdict.ALLOW);
            p.policy.set(policy);
            assertEquals(403, c.send("GET /admin HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            assertEquals(200, c.send("GET /shop HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            assertEquals("/internal/shop", p.backend.requests.take().uri());
        }
    }

    @Test
    void http2RequestsGoThroughTheSameAsk() throws Exception {
        try (ProxyHarness p = proxy()) {
            TestPolicy policy = new TestPolicy(a -> a.port() == p.port() ? Decision.ALLOW : Decision.REQUESTS,
                    r -> r.path().equals("/deny") ? Verdict.deny(RULE) : Verdict.ALLOW);
            p.policy.set(policy);
            assertEquals("2 403", curl("--http2-prior-knowledge", "http://127.0.0.1:" + p.port() + "/deny"));
            assertEquals("2 200", curl("--http2-prior-knowledge", "http://127.0.0.1:" + p.port() + "/ok"));
            assertEquals(List.of("/deny", "/ok"), policy.requests.stream().map(HttpRequestInfo::path).toList());
            assertEquals(1, p.backend.requests.size());
        }
    }

    @Test
    void withoutADecisionPointEverythingIsServedAndNothingIsAsked() throws Exception {
        try (ProxyHarness p = proxy()) {
            TestPolicy policy = TestPolicy.connections(a -> Decision.DENY);
            p.policy.set(policy);
            try (RawHttp c = new RawHttp(p.port())) {
                assertTrue(c.closedByPeer());
            }
            p.policy.set(null);
            try (RawHttp c = new RawHttp(p.port())) {
                assertEquals(200, c.send("GET /a HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
                assertEquals(200, c.send("POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nz").read().status());
            }
            assertEquals(1, policy.connections.size());
        }
    }

    @Test
    void passthroughAsksForTheEndpointTheRoutePickedAndClosesWhenDenied() throws Exception {
        try (ProxyHarness p = passthrough()) {
            TestPolicy policy = TestPolicy.connections(a -> a.port() == p.port() ? Decision.ALLOW : Decision.DENY);
            p.policy.set(policy);
            assertThrows(IOException.class, () -> handshake(p.port()));
            assertEquals(List.of(p.port(), p.backend.address().getPort()),
                    policy.connections.stream().map(TestPolicy.Ask::port).toList());
            assertEquals(p.backend.address().getAddress(), policy.connections.get(1).destination());
            assertEquals(0, p.backend.connections.get(), "the backend is never connected");

            p.policy.set(TestPolicy.connections(a -> a.port() == p.port() ? Decision.ALLOW : Decision.REQUESTS));
            assertThrows(IOException.class, () -> handshake(p.port()));
            assertEquals(0, p.backend.connections.get(), "HTTP rules cannot be read inside TLS passthrough");

            p.policy.set(TestPolicy.connections(a -> Decision.ALLOW));
            assertThrows(IOException.class, () -> handshake(p.port()), "the backend speaks no TLS");
            assertEquals(1, p.backend.connections.get(), "an admitted passthrough connection reaches the backend");
        }
    }

    private static ProxyHarness passthrough() throws InterruptedException {
        return new ProxyHarness(Limits.defaults(), (bound, backend) -> new PassthroughSnapshot(bound,
                new Cluster("test/backend:80", "", List.of(new Endpoint(backend.address(), true, true)), "")),
                null);
    }

    /** A TLS handshake with server name pass.example through the proxy's passthrough port. */
    private static void handshake(int port) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            SSLParameters params = s.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName("pass.example")));
            s.setSSLParameters(params);
            s.startHandshake();
        }
    }

    private static String curl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w",
                "%{http_version} %{http_code}"));
        command.addAll(List.of(args));
        Process curl = new ProcessBuilder(command).start();
        assertTrue(curl.waitFor(10, TimeUnit.SECONDS));
        return new String(curl.getInputStream().readAllBytes());
    }
}
