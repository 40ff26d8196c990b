package edgebox.dns.answer;

import static edgebox.dns.answer.ResponderTest.ZONES;
import static edgebox.dns.answer.ResponderTest.addr;
import static edgebox.dns.answer.ResponderTest.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import edgebox.api.policy.Decision;
import edgebox.api.policy.Verdict;
import edgebox.dns.TestDecisionPoint;

/** The network policy at the responder: what it asks, and the reply a refused question gets. */
class QueryPolicyTest {

    static final Arrival AT6 = new Arrival(addr("fd00::53"), 53, false);

    static Reply ask(TestDecisionPoint pdp, Message q) {
        Chain chain = new Chain(List.of(ZONES), Networks.parse("r", List.of("fd00::/64")), null, 1);
        return new Responder(() -> chain, 1232, new QueryPolicy(() -> pdp)).respond(q.toWire(), addr("fd00::7"), AT6)
                .join();
    }

    @Test
    void aRefusedQuestionKeepsItsIdAndQuestionAndCarriesProhibitedInItsOpt() throws Exception {
        TestDecisionPoint pdp = new TestDecisionPoint((c, d, p, port) -> Decision.DENY, n -> Verdict.ALLOW);
        Message q = query("www.demo.test.", Type.A);
        q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        Reply r = ask(pdp, q);
        assertEquals(Rcode.REFUSED, r.rcode());
        assertEquals(q.getHeader().getID(), r.response().getHeader().getID());
        assertEquals(q.getQuestion(), r.response().getQuestion());
        assertEquals(List.of(), r.response().getSection(Section.ANSWER));
        List<EDNSOption> options = r.response().getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
        assertEquals(1, options.size());
        assertEquals(ExtendedErrorCodeOption.PROHIBITED, ((ExtendedErrorCodeOption) options.get(0)).getErrorCode());
        assertEquals(Responder.NETWORK_POLICY, r.source());
        assertEquals("network policy denies fd00:0:0:0:0:0:0:7 the resolver at fd00:0:0:0:0:0:0:53 port 53/UDP",
                r.reason());
        assertEquals(List.of("connection dns fd00:0:0:0:0:0:0:7 -> fd00:0:0:0:0:0:0:53 17/53"), pdp.asked());
    }

    @Test
    void withoutEdnsTheRefusalHasNoOpt() throws Exception {
        TestDecisionPoint pdp = new TestDecisionPoint((c, d, p, port) -> Decision.REQUESTS, n -> Verdict.deny(""));
        Reply r = ask(pdp, query("WWW.demo.test.", Type.A));
        assertEquals(Rcode.REFUSED, r.rcode());
        assertNull(r.response().getOPT());
        assertEquals("network policy denies the name", r.reason());
        assertEquals("query dns fd00:0:0:0:0:0:0:7 -> fd00:0:0:0:0:0:0:53 17/53 www.demo.test.", pdp.asked().get(1));
    }

    @Test
    void anAllowedNameIsAnsweredAsWithoutPolicy() throws Exception {
        TestDecisionPoint pdp = new TestDecisionPoint((c, d, p, port) -> Decision.REQUESTS, n -> Verdict.ALLOW);
        Reply r = ask(pdp, query("www.demo.test.", Type.A));
        assertEquals(Rcode.NOERROR, r.rcode());
        assertEquals("192.0.2.1", r.response().getSection(Section.ANSWER).get(0).rdataToString());
        assertEquals(ask(null, query("www.demo.test.", Type.A)).response().getSection(Section.ANSWER),
                r.response().getSection(Section.ANSWER));
    }
}
