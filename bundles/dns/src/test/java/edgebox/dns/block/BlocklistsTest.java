package edgebox.dns.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import edgebox.dns.answer.Answer;
import edgebox.dns.answer.Query;

class BlocklistsTest {

    static final String LIST = """
            ! AdGuard basic syntax
            ||ads.example^
            @@||ok.ads.example^
            # hosts syntax
            0.0.0.0 tracker.example other.example   # inline comment
            127.0.0.1 localhost
            plain.example
            /regex.*/
            ||cosmetic.example^$important
            example.com##.banner
            """;

    static Answer ask(Blocklists b, String name, int type) throws Exception {
        return b.answer(new Query(Name.fromString(name), type, InetAddress.getLoopbackAddress(), true));
    }

    @Test
    void adblockRulesBlockTheNameAndBelowAllowRulesWin() throws Exception {
        Blocklists b = new Blocklists(List.of(BlockListParser.parse("ads.txt", LIST, BlockMode.NXDOMAIN)), 10);
        Answer a = ask(b, "x.ads.example.", Type.A);
        assertEquals(Rcode.NXDOMAIN, a.rcode());
        assertTrue(a.reason().contains("ads.txt:2 ||ads.example^"), a.reason());
        assertEquals(Rcode.NXDOMAIN, ask(b, "ads.example.", Type.A).rcode());
        assertNull(ask(b, "ok.ads.example.", Type.A));
        assertNull(ask(b, "deeper.ok.ads.example.", Type.A));
        assertEquals(Rcode.NXDOMAIN, ask(b, "plain.example.", Type.A).rcode());
    }

    @Test
    void hostsRulesBlockExactNamesOnly() throws Exception {
        Blocklists b = new Blocklists(List.of(BlockListParser.parse("h", LIST, BlockMode.NXDOMAIN)), 10);
        assertEquals(Rcode.NXDOMAIN, ask(b, "tracker.example.", Type.A).rcode());
        assertEquals(Rcode.NXDOMAIN, ask(b, "other.example.", Type.A).rcode());
        assertNull(ask(b, "sub.tracker.example.", Type.A));
        assertNull(ask(b, "localhost.", Type.A), "hosts-file boilerplate is not a block");
    }

    @Test
    void zeroModeAnswersUnspecifiedAddresses() throws Exception {
        Blocklists b = new Blocklists(List.of(BlockListParser.parse("z", LIST, BlockMode.ZERO)), 10);
        assertEquals("0.0.0.0", ask(b, "ads.example.", Type.A).answers().get(0).rdataToString());
        assertEquals(Type.AAAA, ask(b, "ads.example.", Type.AAAA).answers().get(0).getType());
        Answer mx = ask(b, "ads.example.", Type.MX);
        assertEquals(Rcode.NOERROR, mx.rcode());
        assertTrue(mx.answers().isEmpty());
    }

    @Test
    void unsupportedRulesAreCountedNotGuessed() {
        FilterList p = BlockListParser.parse("u", LIST, BlockMode.NXDOMAIN);
        assertEquals(2, p.unsupported());
        assertEquals(2, new Blocklists(List.of(p), 10).unsupported());
    }
}
