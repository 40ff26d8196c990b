package edgebox.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

import edgebox.api.config.TypedConfig;
import edgebox.api.route.RouteHostname;
import edgebox.api.route.RouteTable;
import edgebox.dns.answer.Answer;
import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Query;
import edgebox.dns.answer.Upstream;
import edgebox.dns.block.BlockListParser;
import edgebox.dns.block.BlockMode;
import edgebox.dns.block.Blocklists;
import edgebox.dns.rewrite.RewriteRule;
import edgebox.dns.zone.ZoneParser;

class ChainBuilderTest {

    private final SourceStore store = new SourceStore();
    private final ChainBuilder builder = new ChainBuilder(store);
    private final Settings settings = Settings.from(TypedConfig.of(DnsConfig.class, Map.of("gatewayDomains", "ragas.cc",
            "recursionNetworks", new String[] {"10.0.0.0/8"})), List.of());

    @Test
    void theChainAnswersFromEveryFeedInOrder() throws Exception {
        store.putZone("zone~demo", ZoneParser.parse("zone~demo", "records", "demo.test.", "www IN A 192.0.2.1"));
        store.putRewrite("rewrite~nas", RewriteRule.parse("rewrite~nas", "nas.lan", "192.168.1.10", true, null));
        List<RouteHostname> hostnames = List.of(new RouteHostname("myapp.ragas.cc", "network/envoy-internal",
                List.of(InetAddress.getByName("172.16.1.61")), "HTTPRoute default/my-app"));
        RouteTable routes = () -> hostnames;

        ChainBuilder.Built built = builder.build(settings, routes, null);

        Chain chain = built.chain();
        assertEquals("zone", ask(chain, "www.demo.test.").source());
        assertEquals("rewrite", ask(chain, "nas.lan.").source());
        assertEquals("gateway", ask(chain, "myapp.ragas.cc.").source());
        assertNull(ask(chain, "elsewhere.example."));
        assertEquals(1, built.sources().zones().zones().size());
        assertEquals(1, built.sources().gateway().size());
        assertEquals(1, built.sources().rewrites().rules().size());
        assertTrue(chain.recursionAllowed(InetAddress.getByName("10.1.2.3")));
        assertFalse(chain.recursionAllowed(InetAddress.getByName("192.168.1.1")));
        assertFalse(chain.forwards());
    }

    @Test
    void eachChainHasTheNextVersionAndTheFeedsOfItsTime() throws Exception {
        Upstream upstream = m -> CompletableFuture.failedFuture(new IllegalStateException("not asked"));
        assertEquals(1, builder.build(settings, null, null).chain().version());
        store.putZone("zone~demo", ZoneParser.parse("zone~demo", "records", "demo.test.", "www IN A 192.0.2.1"));
        ChainBuilder.Built second = builder.build(settings, null, upstream);
        assertEquals(2, second.chain().version());
        assertEquals(1, second.sources().zones().zones().size());
        assertEquals(0, second.sources().gateway().size());
        assertTrue(second.chain().forwards());
    }

    @Test
    void theBlocklistIndexIsBuiltAgainOnlyWhenAListChanges() throws Exception {
        store.putBlocklist("blocklist~ads", BlockListParser.parse("ads.txt", "||ads.test^\n", BlockMode.NXDOMAIN));
        Blocklists first = builder.build(settings, null, null).sources().blocklists();
        store.putZone("zone~demo", ZoneParser.parse("zone~demo", "records", "demo.test.", "www IN A 192.0.2.1"));
        assertSame(first, builder.build(settings, null, null).sources().blocklists(), "a zone change keeps it");
        store.putBlocklist("blocklist~ads", BlockListParser.parse("ads.txt", "||ads.test^\n||more.test^\n",
                BlockMode.NXDOMAIN));
        Blocklists third = builder.build(settings, null, null).sources().blocklists();
        assertNotSame(first, third);
        assertEquals(2, third.size());
        assertEquals("block", ask(builder.build(settings, null, null).chain(), "x.more.test.").source());
    }

    private static Answer ask(Chain chain, String name) throws Exception {
        return chain.local(new Query(Name.fromString(name), Type.A, InetAddress.getLoopbackAddress(), false));
    }
}
