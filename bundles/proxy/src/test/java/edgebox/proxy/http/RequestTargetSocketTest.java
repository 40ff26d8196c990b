package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import edgebox.proxy.route.RouteDecision;
import org.junit.jupiter.api.Test;

/**
 * The request target and Host on real sockets (RFC 9112 3.2, 3.2.2, RFC 9110 7.2): only {@code a.test} has a route,
 * and it needs the Host field the backend will see to say {@code a.test} too, so routing by one name and forwarding
 * another shows.
 */
class RequestTargetSocketTest {

    private static ProxyHarness proxy() throws InterruptedException {
        return new ProxyHarness(Limits.defaults(), cluster -> head ->
                "a.test".equals(head.host()) && hostField(head.headers("host"))
                        ? ProxyHarness.forward(cluster, head.host(), head.path(), RouteDecision.Timeouts.NONE,
                                RouteDecision.Retry.NONE)
                        : new RouteDecision.Respond(404, "no route"));
    }

    /** One Host field naming a.test, in any case, with any port. */
    private static boolean hostField(List<String> values) {
        return values.size() == 1 && NettyHead.stripPort(values.get(0)).equalsIgnoreCase("a.test");
    }

    @Test
    void absoluteFormTargetWinsOverTheHostFieldForRoutingAndUpstream() throws Exception {
        try (ProxyHarness p = proxy(); RawHttp c = new RawHttp(p.port())) {
            RawHttp.Response routed = c.send("GET http://a.test/x HTTP/1.1\r\nHost: b.test\r\n\r\n").read();
            assertEquals(200, routed.status(), routed.body());
            assertTrue(routed.body().startsWith("GET /x\n"), routed.body());
            assertTrue(routed.body().contains("host: a.test\n"), routed.body());
            assertTrue(!routed.body().contains("b.test"), routed.body());
            RawHttp.Response other = c.send("GET HTTP://b.test/x HTTP/1.1\r\nHost: a.test\r\n\r\n").read();
            assertEquals(404, other.status());
            assertEquals(1, p.backend.requests.size());
        }
    }

    @Test
    void hostFieldProblemsAndBadTargetsAre400AndClosed() throws Exception {
        String[] bad = {
            "GET / HTTP/1.1\r\nHost: a.test\r\nHost: b.test\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a.test\r\nHost: a.test\r\n\r\n",
            "GET / HTTP/1.0\r\nHost: a.test\r\nHost: b.test\r\n\r\n",
            "GET http://a.test/ HTTP/1.1\r\nHost: a.test\r\nHost: b.test\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a.test, b.test\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: u@a.test\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a.test:8x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n",
            "GET http://u@a.test/ HTTP/1.1\r\nHost: a.test\r\n\r\n",
            "GET http:///x HTTP/1.1\r\nHost: a.test\r\n\r\n",
            "GET ftp://a.test/x HTTP/1.1\r\nHost: a.test\r\n\r\n",
            "GET a.test:80 HTTP/1.1\r\nHost: a.test\r\n\r\n",
            "GET x HTTP/1.1\r\nHost: a.test\r\n\r\n",
            "GET * HTTP/1.1\r\nHost: a.test\r\n\r\n",
            "GET http://a.test/ HTTP/1.1\r\n\r\n",
        };
        try (ProxyHarness p = proxy()) {
            for (String request : bad) {
                try (RawHttp c = new RawHttp(p.port())) {
                    RawHttp.Response r = c.send(request).read();
                    assertEquals(400, r.status(), request);
                    assertTrue(c.closedByPeer(), "closed after " + request);
                }
            }
            assertEquals(0, p.backend.requests.size());
        }
    }

    @Test
    void validHostFormsAreRouted() throws Exception {
        String[] good = {
            "GET / HTTP/1.1\r\nHost: A.Test\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a.test:8080\r\n\r\n",
            "GET /?q HTTP/1.1\r\nHost: a.test:\r\n\r\n",
            "GET http://a.test:81 HTTP/1.1\r\nHost: a.test\r\n\r\n",
            "GET http://a.test?q=1 HTTP/1.1\r\nHost: b.test\r\n\r\n",
        };
        try (ProxyHarness p = proxy()) {
            for (String request : good) {
                try (RawHttp c = new RawHttp(p.port())) {
                    RawHttp.Response r = c.send(request).read();
                    assertEquals(200, r.status(), request);
                }
            }
        }
    }

    @Test
    void connectIsNotImplementedAndNeverForwarded() throws Exception {
        try (ProxyHarness p = proxy(); RawHttp c = new RawHttp(p.port())) {
            RawHttp.Response r = c.send("CONNECT a.test:443 HTTP/1.1\r\nHost: a.test:443\r\n\r\n").read();
            assertEquals(501, r.status());
            assertTrue(c.closedByPeer());
            assertEquals(0, p.backend.requests.size());
        }
    }
}
