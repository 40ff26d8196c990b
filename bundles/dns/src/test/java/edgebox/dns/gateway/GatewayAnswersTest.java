package edgebox.dns.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import edgebox.api.route.RouteHostname;
import edgebox.dns.answer.Answer;
import edgebox.dns.answer.Query;

class GatewayAnswersTest {

    static GatewayAnswers gateway() throws Exception {
        InetAddress v4 = InetAddress.getByName("172.16.1.61");
        InetAddress v6 = InetAddress.getByName("fd00::61");
        InetAddress ext = InetAddress.getByName("172.16.1.62");
        return new GatewayAnswers(List.of(
                new RouteHostname("myapp.ragas.cc", "network/envoy-internal", List.of(v4, v6),
                        "HTTPRoute default/my-app"),
                new RouteHostname("*.apps.ragas.cc", "network/envoy-internal", List.of(v4), "HTTPRoute default/apps"),
                new RouteHostname("*.ragas.cc", "network/envoy-external", List.of(ext), "HTTPRoute default/all"),
                new RouteHostname("elsewhere.example", "network/envoy-internal", List.of(v4), "HTTPRoute x/y")),
                List.of(Name.fromString("ragas.cc.")), 60, 3);
    }

    static Answer ask(GatewayAnswers g, String name, int type) throws Exception {
        return g.answer(new Query(Name.fromString(name), type, InetAddress.getLoopbackAddress(), false));
    }

    @Test
    void exactHostnameAnswersByFamily() throws Exception {
        GatewayAnswers g = gateway();
        Answer a = ask(g, "myapp.ragas.cc.", Type.A);
        assertEquals("172.16.1.61", a.answers().get(0).rdataToString());
        assertTrue(a.authoritative());
        assertTrue(a.reason().contains("HTTPRoute default/my-app"), a.reason());
        assertEquals(Type.AAAA, ask(g, "myapp.ragas.cc.", Type.AAAA).answers().get(0).getType());
        assertEquals(60, a.answers().get(0).getTTL());
    }

    @Test
    void missingFamilyIsNodataNeverAMadeUpAddress() throws Exception {
        Answer a = ask(gateway(), "x.apps.ragas.cc.", Type.AAAA);
        assertEquals(Rcode.NOERROR, a.rcode());
        assertTrue(a.answers().isEmpty());
        assertEquals(Type.SOA, a.authority().get(0).getType());
        assertTrue(ask(gateway(), "myapp.ragas.cc.", Type.MX).answers().isEmpty());
    }

    @Test
    void longestWildcardWinsAndMatchesDeeperNames() throws Exception {
        GatewayAnswers g = gateway();
        assertEquals("172.16.1.61", ask(g, "a.b.apps.ragas.cc.", Type.A).answers().get(0).rdataToString());
        assertEquals("172.16.1.62", ask(g, "other.ragas.cc.", Type.A).answers().get(0).rdataToString());
        assertEquals("172.16.1.61", ask(g, "elsewhere.example.", Type.A).answers().get(0).rdataToString());
    }

    @Test
    void gatewayDomainApexAndMissingNames() throws Exception {
        GatewayAnswers g = new GatewayAnswers(List.of(), List.of(Name.fromString("ragas.cc.")), 60, 1);
        assertEquals(Type.SOA, ask(g, "ragas.cc.", Type.SOA).answers().get(0).getType());
        assertEquals(Type.NS, ask(g, "ragas.cc.", Type.NS).answers().get(0).getType());
        Answer nx = ask(g, "nothing.ragas.cc.", Type.A);
        assertEquals(Rcode.NXDOMAIN, nx.rcode());
        assertTrue(nx.yielding());
        assertNull(ask(g, "example.org.", Type.A), "names outside the domains and routes are not claimed");
    }
}
