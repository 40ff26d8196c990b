package edgebox.dns.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import edgebox.dns.answer.Answer;
import edgebox.dns.answer.Query;

class FilterRulesTest {

    static final String RULES = """
            ! user rules
            ||ads.example^
            |only.example^
            @@||ok.ads.example^
            ||imp.example^$important
            @@||imp.example^
            ||impok.example^$important
            @@||impok.example^$important
            ||kids.example^$client=192.168.1.0/24|10.0.0.5
            ||rw.example^$dnsrewrite=NOERROR;A;1.2.3.4
            ||rw.example^$dnsrewrite=NOERROR;A;1.2.3.5
            ||short.example^$dnsrewrite=5.6.7.8
            ||six.example^$dnsrewrite=NOERROR;AAAA;fd00::1
            ||ref.example^$dnsrewrite=REFUSED
            ||nx.example^$dnsrewrite=NXDOMAIN;;
            ||alias.example^$dnsrewrite=target.example
            ||both.example^
            ||both.example^$dnsrewrite=9.9.9.9
            192.168.1.10 nas.lan printer.lan
            0.0.0.0 tracker.example # trailing comment
            ||everyone.example^$client=10.0.0.5
            ||everyone.example^
            """;

    static final String REFUSED = """
            ||ok.example^
            ||laptop.example^$client=laptop
            ||bad.example^$badfilter
            ||deny.example^$denyallow=x.example
            ||wild*.example^
            /ads[0-9]+/
            example.com##.banner
            ||noanchor.example
            @@||x.example^$dnsrewrite=1.2.3.4
            ||badrw.example^$dnsrewrite=NOERROR;MX;10 mail.example
            ||fine.example^
            """;

    static Answer ask(Blocklists b, String name, int type, String client) throws Exception {
        return b.answer(new Query(Name.fromString(name), type, InetAddress.getByName(client), true));
    }

    static Answer ask(Blocklists b, String name, int type) throws Exception {
        return ask(b, name, type, "127.0.0.1");
    }

    static Blocklists rules() {
        return new Blocklists(List.of(BlockListParser.parse("user_rules", RULES, BlockMode.NXDOMAIN)), 10);
    }

    @Test
    void treeAndExactRules() throws Exception {
        Blocklists b = rules();
        assertEquals(Rcode.NXDOMAIN, ask(b, "deep.ads.example.", Type.A).rcode());
        assertNull(ask(b, "ok.ads.example.", Type.A));
        assertEquals(Rcode.NXDOMAIN, ask(b, "only.example.", Type.A).rcode());
        assertNull(ask(b, "sub.only.example.", Type.A), "|name^ is that name only");
        assertEquals(Rcode.NXDOMAIN, ask(b, "tracker.example.", Type.A).rcode());
        assertNull(ask(b, "unlisted.example.", Type.A));
    }

    @Test
    void importantBeatsAnExceptionAndAnImportantExceptionBeatsIt() throws Exception {
        Blocklists b = rules();
        Answer a = ask(b, "imp.example.", Type.A);
        assertEquals(Rcode.NXDOMAIN, a.rcode());
        assertTrue(a.reason().contains("user_rules:5 ||imp.example^$important"), a.reason());
        assertNull(ask(b, "impok.example.", Type.A));
    }

    @Test
    void clientRulesApplyToTheirNetworksOnly() throws Exception {
        Blocklists b = rules();
        assertEquals(Rcode.NXDOMAIN, ask(b, "kids.example.", Type.A, "192.168.1.77").rcode());
        assertEquals(Rcode.NXDOMAIN, ask(b, "kids.example.", Type.A, "10.0.0.5").rcode());
        assertNull(ask(b, "kids.example.", Type.A, "10.0.0.6"));
    }

    @Test
    void aClientRuleSaysFilteredAListWideRuleSaysBlocked() throws Exception {
        Blocklists b = rules();
        assertEquals(ExtendedErrorCodeOption.FILTERED, ask(b, "kids.example.", Type.A, "10.0.0.5").ede());
        assertEquals(ExtendedErrorCodeOption.BLOCKED, ask(b, "deep.ads.example.", Type.A, "10.0.0.5").ede());
        Answer both = ask(b, "everyone.example.", Type.A, "10.0.0.5");
        assertEquals(ExtendedErrorCodeOption.BLOCKED, both.ede(), "blocked for everyone: " + both.reason());
        assertEquals(ExtendedErrorCodeOption.BLOCKED, ask(b, "everyone.example.", Type.A, "10.0.0.6").ede());
    }

    @Test
    void dnsrewriteLongAndShortForms() throws Exception {
        Blocklists b = rules();
        Answer a = ask(b, "rw.example.", Type.A);
        assertEquals(Rcode.NOERROR, a.rcode());
        assertEquals(List.of("1.2.3.5", "1.2.3.4"), a.answers().stream().map(r -> r.rdataToString()).sorted(
                java.util.Comparator.reverseOrder()).toList());
        assertEquals("5.6.7.8", ask(b, "x.short.example.", Type.A).answers().get(0).rdataToString());
        Answer noAaaa = ask(b, "short.example.", Type.AAAA);
        assertEquals(Rcode.NOERROR, noAaaa.rcode());
        assertTrue(noAaaa.answers().isEmpty());
        assertEquals("fd00:0:0:0:0:0:0:1", ask(b, "six.example.", Type.AAAA).answers().get(0).rdataToString());
        assertEquals(Rcode.REFUSED, ask(b, "ref.example.", Type.A).rcode());
        assertEquals(Rcode.NXDOMAIN, ask(b, "nx.example.", Type.A).rcode());
        Answer alias = ask(b, "alias.example.", Type.A);
        assertEquals(Name.fromString("target.example."), alias.chase());
        assertEquals(Type.CNAME, alias.answers().get(0).getType());
        assertEquals("9.9.9.9", ask(b, "both.example.", Type.A).answers().get(0).rdataToString(),
                "$dnsrewrite wins over a block");
    }

    @Test
    void hostsLinesWithARealAddressAnswerWithIt() throws Exception {
        Blocklists b = rules();
        assertEquals("192.168.1.10", ask(b, "nas.lan.", Type.A).answers().get(0).rdataToString());
        assertEquals("192.168.1.10", ask(b, "printer.lan.", Type.A).answers().get(0).rdataToString());
        assertNull(ask(b, "x.nas.lan.", Type.A), "a hosts line names one host");
    }

    @Test
    void unsupportedRulesAreRefusedOneByOneAndTheRestLoads() throws Exception {
        FilterList f = BlockListParser.parse("custom.txt", REFUSED, BlockMode.NXDOMAIN);
        List<String> r = f.refusals();
        assertEquals(9, f.unsupported(), r.toString());
        assertTrue(r.get(0).startsWith("custom.txt:2: \"||laptop.example^$client=laptop\": ")
                && r.get(0).contains("client names are not supported"), r.get(0));
        assertTrue(r.get(1).startsWith("custom.txt:3:") && r.get(1).contains("$badfilter is not supported"));
        assertTrue(r.get(2).startsWith("custom.txt:4:") && r.get(2).contains("$denyallow is not supported"));
        assertTrue(r.get(3).contains("wildcard"), r.get(3));
        assertTrue(r.get(4).contains("regular expressions"), r.get(4));
        assertTrue(r.get(5).contains("cosmetic"), r.get(5));
        assertTrue(r.get(6).contains("without '^'"), r.get(6));
        assertTrue(r.get(7).contains("@@ with $dnsrewrite"), r.get(7));
        assertTrue(r.get(8).startsWith("custom.txt:10:") && r.get(8).contains("record type MX"), r.get(8));
        Blocklists b = new Blocklists(List.of(f), 10);
        assertEquals(2, b.size());
        assertEquals(Rcode.NXDOMAIN, ask(b, "ok.example.", Type.A).rcode());
        assertEquals(Rcode.NXDOMAIN, ask(b, "fine.example.", Type.A).rcode());
        assertNull(ask(b, "laptop.example.", Type.A));
    }

    @Test
    void dnsRewriteValuesAreChecked() {
        assertEquals(Rcode.SERVFAIL, DnsRewrite.parse("SERVFAIL").rcode());
        assertEquals(Type.A, DnsRewrite.parse("noerror;a;1.2.3.4").type());
        assertThrowsWith("only NOERROR carries a record", "NXDOMAIN;A;1.2.3.4");
        assertThrowsWith("not an A address", "NOERROR;A;::1");
        assertThrowsWith("RCODE;TYPE;VALUE", "NOERROR;A");
        assertThrowsWith("needs a value", "");
    }

    private static void assertThrowsWith(String part, String value) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DnsRewrite.parse(value));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void aMillionRulesLoadAndAnswerRight() throws Exception {
        int n = 1_000_000;
        StringBuilder text = new StringBuilder(n * 24);
        for (int i = 0; i < n; i++) {
            text.append(i % 2 == 0 ? "||" : "0.0.0.0 ").append("host").append(i).append(".ads").append(i % 97)
                    .append(".example").append(i % 2 == 0 ? "^" : "").append('\n');
        }
        text.append("@@||host4.ads4.example^\n");
        FilterList f = BlockListParser.parse("big.txt", text.toString(), BlockMode.NXDOMAIN);
        assertEquals(n + 1, f.size());
        assertEquals(0, f.unsupported());
        Blocklists b = new Blocklists(List.of(f, BlockListParser.parse("user", RULES, BlockMode.NXDOMAIN)), 10);
        assertEquals(n, b.size() - rules().size());
        for (int i = 0; i < n; i += 9973) {
            String name = "host" + i + ".ads" + (i % 97) + ".example.";
            Answer a = ask(b, name, Type.A);
            if (i == 4) {
                assertNull(a);
                continue;
            }
            assertEquals(Rcode.NXDOMAIN, a.rcode(), name);
            assertTrue(a.reason().contains("big.txt:" + (i + 1) + " "), a.reason());
            assertEquals(i % 2 == 0 ? Rcode.NXDOMAIN : -1, i % 2 == 0 ? ask(b, "sub." + name, Type.A).rcode()
                    : (ask(b, "sub." + name, Type.A) == null ? -1 : 0));
        }
        assertNull(ask(b, "host4.ads4.example.", Type.A));
        assertNull(ask(b, "host1000001.ads0.example.", Type.A));
        assertEquals(Rcode.NXDOMAIN, ask(b, "ads.example.", Type.A).rcode());
    }
}
