package edgebox.dns.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import edgebox.dns.block.BlockListParser;
import edgebox.dns.block.BlockMode;
import edgebox.dns.block.Blocklists;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** RFC 8914 extended errors in the responder's replies: a blocked name, and what the forwarder's reply carries. */
class ExtendedErrorsTest {

    static final InetAddress CLIENT = InetAddress.getLoopbackAddress();
    static final Arrival ARRIVAL = new Arrival(CLIENT, 53, false);

    @Test
    void aBlockedNameCarriesBlockedOnEdnsQueriesOnly() throws Exception {
        Blocklists block = new Blocklists(List.of(BlockListParser.parse("ads.txt", "||ads.test^\n",
                BlockMode.NXDOMAIN)), 10);
        Chain chain = new Chain(List.of(block), List.of(), null, 1);
        Message r = respond(chain, query("x.ads.test.", true));
        assertEquals(Rcode.NXDOMAIN, r.getRcode());
        assertEquals(List.of(ExtendedErrorCodeOption.BLOCKED), codes(r));
        assertNull(respond(chain, query("x.ads.test.", false)).getOPT(), "no OPT without EDNS in the query");
    }

    @Test
    void theForwardersExtendedErrorsReachTheClient() throws Exception {
        Upstream stale = query -> {
            try {
                return CompletableFuture.completedFuture(staleReply(query));
            } catch (java.io.IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
        Chain chain = new Chain(List.of(), List.of(edgebox.api.net.Cidr.parse("127.0.0.0/8")), stale, 1);
        Message r = respond(chain, query("www.example.", true));
        assertEquals("192.0.2.9", r.getSection(Section.ANSWER).get(0).rdataToString());
        assertEquals(List.of(ExtendedErrorCodeOption.STALE_ANSWER), codes(r));
    }

    /** What the forwarder gives for a stale answer: the records and an OPT with Stale Answer. */
    private static Message staleReply(Message query) throws java.io.IOException {
        Message m = new Message(query.getHeader().getID());
        m.getHeader().setFlag(Flags.QR);
        m.addRecord(query.getQuestion(), Section.QUESTION);
        m.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, 30,
                InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 9})), Section.ANSWER);
        m.addRecord(new OPTRecord(1232, 0, 0, 0,
                List.of(new ExtendedErrorCodeOption(ExtendedErrorCodeOption.STALE_ANSWER))), Section.ADDITIONAL);
        return m;
    }

    private static Message respond(Chain chain, Message query) throws Exception {
        return new Responder(() -> chain, 1232, new QueryPolicy(() -> null)).respond(query.toWire(), CLIENT, ARRIVAL).join().response();
    }

    private static Message query(String name, boolean edns) {
        Message q = Message.newQuery(Record.newRecord(Name.fromConstantString(name), Type.A, DClass.IN));
        if (edns) {
            q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        }
        return q;
    }

    private static List<Integer> codes(Message r) {
        return r.getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR).stream()
                .map(o -> ((ExtendedErrorCodeOption) o).getErrorCode()).toList();
    }
}
