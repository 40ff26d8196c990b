package edgebox.dns.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import edgebox.dns.answer.Answer;
import edgebox.dns.answer.Query;

class RewritesTest {

    static RewriteRule rule(String domain, String answer) {
        return RewriteRule.parse("r~" + domain, domain, answer, true, List.of());
    }

    static Answer ask(Rewrites r, String name, int type, String client) throws Exception {
        return r.answer(new Query(Name.fromString(name), type, InetAddress.getByName(client), true));
    }

    @Test
    void ipv4RewriteAnswersAAndNodataForAaaa() throws Exception {
        Rewrites r = new Rewrites(List.of(rule("host.lan", "192.168.1.5")), 10);
        assertEquals("192.168.1.5", ask(r, "host.lan.", Type.A, "127.0.0.1").answers().get(0).rdataToString());
        Answer aaaa = ask(r, "host.lan.", Type.AAAA, "127.0.0.1");
        assertEquals(Rcode.NOERROR, aaaa.rcode());
        assertTrue(aaaa.answers().isEmpty());
        assertTrue(ask(r, "host.lan.", Type.MX, "127.0.0.1").answers().isEmpty());
    }

    @Test
    void exactRulesWinOverWildcardsAndWildcardsSkipTheApex() throws Exception {
        Rewrites r = new Rewrites(List.of(rule("*.lan", "10.0.0.1"), rule("nas.lan", "10.0.0.2"),
                rule("*.deep.lan", "10.0.0.3")), 10);
        assertEquals("10.0.0.2", ask(r, "nas.lan.", Type.A, "127.0.0.1").answers().get(0).rdataToString());
        assertEquals("10.0.0.1", ask(r, "x.y.lan.", Type.A, "127.0.0.1").answers().get(0).rdataToString());
        assertEquals("10.0.0.3", ask(r, "x.deep.lan.", Type.A, "127.0.0.1").answers().get(0).rdataToString());
        assertNull(ask(r, "lan.", Type.A, "127.0.0.1"));
    }

    @Test
    void severalAddressesOfOneFamilyAreCombined() throws Exception {
        Rewrites r = new Rewrites(List.of(rule("m.lan", "10.0.0.1"), rule("m.lan", "10.0.0.2"),
                rule("m.lan", "fd00::1")), 10);
        assertEquals(2, ask(r, "m.lan.", Type.A, "127.0.0.1").answers().size());
        assertEquals(1, ask(r, "m.lan.", Type.AAAA, "127.0.0.1").answers().size());
    }

    @Test
    void hostnameAnswerIsACnameToChase() throws Exception {
        Rewrites r = new Rewrites(List.of(rule("alias.lan", "target.example.org")), 10);
        Answer a = ask(r, "alias.lan.", Type.AAAA, "127.0.0.1");
        assertEquals(Type.CNAME, a.answers().get(0).getType());
        assertEquals(Name.fromString("target.example.org."), a.chase());
    }

    @Test
    void keywordLeavesThatTypeToTheChain() throws Exception {
        Rewrites r = new Rewrites(List.of(rule("v6only.lan", "fd00::5"), rule("v6only.lan", "A")), 10);
        assertNull(ask(r, "v6only.lan.", Type.A, "127.0.0.1"));
        assertEquals(1, ask(r, "v6only.lan.", Type.AAAA, "127.0.0.1").answers().size());
    }

    @Test
    void disabledRulesAndOtherClientsAreNotAnswered() throws Exception {
        RewriteRule off = RewriteRule.parse("off", "off.lan", "10.0.0.1", false, List.of());
        RewriteRule scoped = RewriteRule.parse("scoped", "kids.lan", "10.0.0.9", true, List.of("192.168.7.0/24"));
        Rewrites r = new Rewrites(List.of(off, scoped), 10);
        assertNull(ask(r, "off.lan.", Type.A, "127.0.0.1"));
        assertNull(ask(r, "kids.lan.", Type.A, "127.0.0.1"));
        assertEquals(1, ask(r, "kids.lan.", Type.A, "192.168.7.20").answers().size());
        assertEquals(2, r.rules().size(), "disabled rules are still listed");
    }

    @Test
    void badRulesNameTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rule("a.*.lan", "1.2.3.4")).getMessage()
                .startsWith("r~a.*.lan: domain: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rule("x.lan", "")).getMessage()
                .startsWith("r~x.lan: answer: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rule("x.lan", "1.2.3.400")).getMessage()
                .startsWith("r~x.lan: answer: "));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RewriteRule.parse("c", "x.lan", "1.2.3.4", true, List.of("10.0.0.0/33"))).getMessage()
                .startsWith("c: clients[0]: "));
    }
}
