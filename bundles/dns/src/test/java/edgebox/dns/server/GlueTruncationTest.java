package edgebox.dns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import edgebox.dns.answer.Arrival;
import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Outcome;
import edgebox.dns.answer.QueryPolicy;
import edgebox.dns.answer.Responder;
import edgebox.dns.zone.ZoneParser;
import edgebox.dns.zone.Zones;

/** RFC 9471: a referral whose in-domain glue does not fit the client's size is sent with TC; where it fits, whole. */
class GlueTruncationTest {

    static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    static QueryProcessor processor() {
        StringBuilder zone = new StringBuilder("www IN A 192.0.2.1\n");
        for (int i = 1; i <= 12; i++) {
            zone.append("big IN NS ns").append(i).append(".big\n");
            zone.append("ns").append(i).append(".big IN A 192.0.2.").append(i).append('\n');
            zone.append("ns").append(i).append(".big IN AAAA 2001:db8::").append(i).append('\n');
        }
        Zones zones = new Zones(List.of(ZoneParser.parse("z", "records", "demo.test.", zone.toString())));
        Chain chain = new Chain(List.of(zones), List.of(), null, 1);
        QueryObserver quiet = new QueryObserver() {
            @Override
            public void answered(Outcome outcome, int id, String proto, InetAddress client, long nanos) {
            }

            @Override
            public void dropped(String reason) {
            }
        };
        return new QueryProcessor(new Responder(() -> chain, 1232, QueryPolicy.NONE),
                new RateLimiter(0, 0, a -> true), quiet, 1232);
    }

    static Message ask(boolean edns, boolean tcp) throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromString("www.big.demo.test."), Type.A, DClass.IN));
        if (edns) {
            q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        }
        byte[] out = processor().process(q.toWire(), CLIENT, new Arrival(CLIENT, 53, tcp)).get();
        return new Message(out);
    }

    @Test
    void glueThatDoesNotFitIn512BytesSetsTc() throws Exception {
        Message plain = ask(false, false);
        assertTrue(plain.getHeader().getFlag(Flags.TC), plain.toString());
        assertEquals(12, plain.getSection(Section.AUTHORITY).size());
    }

    @Test
    void glueThatFitsTheEdnsSizeOrTcpGoesWhole() throws Exception {
        for (Message m : List.of(ask(true, false), ask(false, true))) {
            assertFalse(m.getHeader().getFlag(Flags.TC), m.toString());
            assertEquals(24, m.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() != Type.OPT).count());
        }
    }
}
