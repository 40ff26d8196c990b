package edgebox.dns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class RateLimiterTest {

    static InetAddress a(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void limitsPerNetworkPerSecondWithSlip() throws Exception {
        RateLimiter rrl = new RateLimiter(5, 2, x -> false);
        long t = 7_000_000_000L;
        int send = 0, slip = 0, drop = 0;
        for (int i = 0; i < 15; i++) {
            switch (rrl.check(a("198.51.100." + (i % 3 + 1)), t)) {
                case SEND -> send++;
                case SLIP -> slip++;
                case DROP -> drop++;
            }
        }
        assertEquals(5, send, "one /24 shares the budget");
        assertEquals(5, slip);
        assertEquals(5, drop);
        assertEquals(RateLimiter.Verdict.SEND, rrl.check(a("198.51.101.1"), t), "another /24 has its own");
        assertEquals(RateLimiter.Verdict.SEND, rrl.check(a("198.51.100.1"), t + 1_000_000_000L), "a new second");
    }

    @Test
    void ipv6NetworksAreSlash56AndExemptClientsAreNotLimited() throws Exception {
        RateLimiter rrl = new RateLimiter(1, 0, x -> x.isLoopbackAddress());
        assertEquals(RateLimiter.Verdict.SEND, rrl.check(a("2001:db8:0:100::1"), 0));
        assertEquals(RateLimiter.Verdict.DROP, rrl.check(a("2001:db8:0:1ff::2"), 0), "same /56");
        assertEquals(RateLimiter.Verdict.SEND, rrl.check(a("2001:db8:0:200::1"), 0), "another /56");
        for (int i = 0; i < 10; i++) {
            assertEquals(RateLimiter.Verdict.SEND, rrl.check(a("127.0.0.1"), 0));
        }
    }

    /** RFC 6891 section 7: the slipped reply to an EDNS query is still a response to it, so it keeps the OPT. */
    @Test
    void aSlippedReplyIsTheQuestionWithTcAndKeepsTheOpt() throws Exception {
        Message reply = Message.newQuery(Record.newRecord(Name.fromString("www.example.test."), Type.A, DClass.IN));
        reply.getHeader().setFlag(Flags.QR);
        reply.addRecord(new ARecord(Name.fromString("www.example.test."), DClass.IN, 60, a("192.0.2.1")),
                Section.ANSWER);
        reply.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        Message slipped = new Message(QueryProcessor.truncated(reply).toWire());
        assertTrue(slipped.getHeader().getFlag(Flags.TC));
        assertEquals(0, slipped.getSection(Section.ANSWER).size());
        assertEquals(1, slipped.getSection(Section.QUESTION).size());
        assertNotNull(slipped.getOPT(), slipped.toString());
        reply.removeRecord(reply.getOPT(), Section.ADDITIONAL);
        assertNull(new Message(QueryProcessor.truncated(reply).toWire()).getOPT());
    }

    @Test
    void zeroMeansNoLimit() throws Exception {
        RateLimiter rrl = new RateLimiter(0, 2, x -> false);
        for (int i = 0; i < 1000; i++) {
            assertEquals(RateLimiter.Verdict.SEND, rrl.check(a("192.0.2.1"), 0));
        }
    }
}
