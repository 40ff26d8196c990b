package edgebox.dns.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class ForwardSettingsTest {

    @Test
    void defaults() {
        ForwardSettings s = ForwardSettings.defaults();
        assertEquals(List.of(), s.upstreams());
        assertEquals(1500, s.timeoutMillis());
        assertEquals(30, s.staleAnswerTtl());
        assertEquals(1800, s.clientTimeoutMillis());
        assertTrue(s.prefetch());
        assertTrue(s.serveStale());
        assertEquals(86_400, s.cachePolicy().staleTtl());
        assertFalse(s.anyTls());
    }

    @Test
    void readsUpstreamsAndDomainSplits() {
        ForwardSettings s = ForwardSettings.from(Map.of(
                "upstreams", new String[] {"127.0.0.1:53", "tls://1.1.1.1#cloudflare-dns.com", "[::1]:5353", "10.0.0.1"},
                "domainUpstreams", new String[] {"Ragas.CC=172.16.1.60:53", "lan=10.0.0.2:53, 10.0.0.3"},
                "serveStale", "false", "cacheSize", 5, "timeoutMillis", "700"));
        assertEquals("127.0.0.1:53", s.upstreams().get(0).toString());
        Upstream dot = s.upstreams().get(1);
        assertTrue(dot.tls());
        assertEquals(853, dot.address().getPort());
        assertEquals("cloudflare-dns.com", dot.verifiedName());
        assertEquals("[0:0:0:0:0:0:0:1]:5353", s.upstreams().get(2).toString());
        assertEquals(53, s.upstreams().get(3).address().getPort());
        assertEquals("172.16.1.60:53", s.domainUpstreams().get(Name.fromConstantString("ragas.cc.")).get(0).toString());
        assertEquals(2, s.domainUpstreams().get(Name.fromConstantString("lan.")).size());
        assertEquals(0, s.cachePolicy().staleTtl(), "serve-stale off keeps nothing past expiry");
        assertEquals(5, s.cacheSize());
        assertEquals(700, s.timeoutMillis());
        assertTrue(s.anyTls());
    }

    @Test
    void refusalsNameTheFieldAndReason() {
        assertMessage("upstreams[1]: 'example.com:53': 'example.com' is not an IP address",
                Map.of("upstreams", new String[] {"127.0.0.1", "example.com:53"}));
        assertMessage("upstreams[0]: '127.0.0.1:70000': port must be 1..65535",
                Map.of("upstreams", "127.0.0.1:70000"));
        assertMessage("upstreams[0]: '127.0.0.1:53#x': a #name is only for tls:// upstreams",
                Map.of("upstreams", "127.0.0.1:53#x"));
        assertMessage("domainUpstreams[0]: 'ragas.cc': expected domain=upstream[,upstream]",
                Map.of("domainUpstreams", new String[] {"ragas.cc"}));
        assertMessage("timeoutMillis: 10 is outside 50..30000", Map.of("timeoutMillis", 10));
        assertMessage("maxTtl: 5 is below minTtl 10", Map.of("minTtl", 10, "maxTtl", 5));
        assertMessage("prefetch: 'yes' is not true or false", Map.of("prefetch", "yes"));
        assertMessage("cacheSize: 'many' is not a whole number", Map.of("cacheSize", "many"));
    }

    private static void assertMessage(String expected, Map<String, ?> props) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> ForwardSettings.from(props))
                .getMessage());
    }
}
