package edgebox.dns.block;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import edgebox.dns.answer.Arrival;
import edgebox.dns.answer.Chain;
import edgebox.dns.answer.QueryPolicy;
import edgebox.dns.answer.Responder;

/**
 * RFC 8914 on the wire, read back with dnsjava: a name blocked by a {@code $client} rule answers with 17 Filtered to
 * that client, a name blocked by a list-wide rule with 15 Blocked, both in zero mode and in NXDOMAIN mode.
 */
class FilteredExtendedErrorTest {

    static final String LIST = """
            ||ads.test^
            ||games.test^$client=192.168.1.0/24
            """;

    @Test
    void clientRulesAnswerFilteredListWideRulesBlocked() throws Exception {
        for (BlockMode mode : BlockMode.values()) {
            Chain chain = new Chain(List.of(new Blocklists(List.of(BlockListParser.parse("kids.txt", LIST, mode)),
                    10)), List.of(), null, 1);
            Message filtered = respond(chain, "www.games.test.", "192.168.1.20");
            assertEquals(mode == BlockMode.NXDOMAIN ? Rcode.NXDOMAIN : Rcode.NOERROR, filtered.getRcode());
            assertEquals(List.of(ExtendedErrorCodeOption.FILTERED), codes(filtered), mode.name());
            assertEquals(List.of(ExtendedErrorCodeOption.BLOCKED), codes(respond(chain, "x.ads.test.",
                    "192.168.1.20")), mode.name());
            assertEquals(List.of(ExtendedErrorCodeOption.BLOCKED), codes(respond(chain, "x.ads.test.", "10.1.1.1")));
            assertEquals(List.of(), codes(respond(chain, "www.games.test.", "10.1.1.1")), "not blocked for others");
        }
    }

    private static Message respond(Chain chain, String name, String client) throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromConstantString(name), Type.A, DClass.IN));
        q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        InetAddress from = InetAddress.getByName(client);
        return new Responder(() -> chain, 1232, new QueryPolicy(() -> null))
                .respond(q.toWire(), from, new Arrival(from, 53, false)).join().response();
    }

    private static List<Integer> codes(Message r) {
        return r.getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR).stream()
                .map(o -> ((ExtendedErrorCodeOption) o).getErrorCode()).toList();
    }
}
