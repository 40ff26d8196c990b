package edgebox.dns.answer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import edgebox.dns.rewrite.RewriteRule;
import edgebox.dns.rewrite.Rewrites;
import edgebox.dns.zone.ZoneParser;
import edgebox.dns.zone.Zones;

class ResponderTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final Zones ZONES = new Zones(List.of(ZoneParser.parse("z", "records", "demo.test.",
            "www IN A 192.0.2.1\na.b.ent IN A 192.0.2.3\n"
            + "alias IN CNAME www\nout IN CNAME name.upstream.test.\nbig IN TXT \""
                    + "x".repeat(200) + "\"\nbig IN TXT \"" + "y".repeat(200) + "\"\nbig IN TXT \""
                    + "z".repeat(200) + "\"")));
    static final Rewrites REWRITES = new Rewrites(List.of(
            RewriteRule.parse("r1", "nas.lan", "10.0.0.2", true, List.of()),
            RewriteRule.parse("r2", "www.demo.test", "10.9.9.9", true, List.of()),
            RewriteRule.parse("r3", "loop.lan", "loop.lan", true, List.of())), 10);

    final AtomicReference<Message> forwarded = new AtomicReference<>();

    static final Arrival AT = new Arrival(addr("127.0.0.1"), 53, false);

    Responder responder(boolean withUpstream) {
        Upstream up = q -> {
            forwarded.set(q);
            Message r = new Message(q.getHeader().getID());
            r.getHeader().setFlag(Flags.QR);
            r.addRecord(q.getQuestion(), Section.QUESTION);
            r.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 30, addr("198.51.100.7")), Section.ANSWER);
            return CompletableFuture.completedFuture(r);
        };
        Chain chain = new Chain(List.of(ZONES, REWRITES), Networks.parse("r", List.of("127.0.0.0/8")),
                withUpstream ? up : null, 1);
        return new Responder(() -> chain, 1232, QueryPolicy.NONE);
    }

    static InetAddress addr(String s) {
        return Networks.address("test", s);
    }

    static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }

    Reply ask(Message q, String client) throws Exception {
        return responder(true).respond(q.toWire(), addr(client), AT).get();
    }

    @Test
    void echoesIdQuestionCaseAndRd() throws Exception {
        Message q = query("WwW.Demo.Test.", Type.A);
        q.getHeader().setID(4242);
        Message r = ask(q, "127.0.0.1").response();
        assertEquals(4242, r.getHeader().getID());
        assertEquals("WwW.Demo.Test.", r.getQuestion().getName().toString());
        assertTrue(r.getHeader().getFlag(Flags.RD));
        assertTrue(r.getHeader().getFlag(Flags.QR));
        assertTrue(r.getHeader().getFlag(Flags.AA));
    }

    @Test
    void zonesAnswerBeforeRewritesAndCnamesAreChased() throws Exception {
        Reply www = ask(query("www.demo.test.", Type.A), "127.0.0.1");
        assertEquals("zone", www.source());
        Message alias = ask(query("alias.demo.test.", Type.A), "203.0.113.5").response();
        assertEquals(2, alias.getSection(Section.ANSWER).size());
        assertEquals(Type.CNAME, alias.getSection(Section.ANSWER).get(0).getType());
    }

    @Test
    void chaseIntoForwardingOnlyForRecursionClients() throws Exception {
        Message inside = ask(query("out.demo.test.", Type.A), "127.0.0.1").response();
        assertEquals(2, inside.getSection(Section.ANSWER).size());
        Message outside = ask(query("out.demo.test.", Type.A), "203.0.113.5").response();
        assertEquals(1, outside.getSection(Section.ANSWER).size(), "the CNAME alone: no recursion for this client");
        assertEquals(Rcode.NOERROR, outside.getRcode());
    }

    @Test
    void withoutRdAZoneCnameOutOfTheZonesIsAnsweredAloneAsKnotDoes() throws Exception {
        Message norec = query("out.demo.test.", Type.A);
        norec.getHeader().unsetFlag(Flags.RD);
        Message r = ask(norec, "127.0.0.1").response();
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertTrue(r.getHeader().getFlag(Flags.AA), r.toString());
        assertFalse(r.getHeader().getFlag(Flags.RD));
        assertEquals(List.of(Type.CNAME), r.getSection(Section.ANSWER).stream().map(Record::getType).toList());
        assertNull(forwarded.get(), "the target is not chased through the forwarder");
        Message rec = ask(query("out.demo.test.", Type.A), "127.0.0.1").response();
        assertEquals(List.of(Type.CNAME, Type.A), rec.getSection(Section.ANSWER).stream().map(Record::getType)
                .toList(), "with RD the target is chased");
        assertNotNull(forwarded.get());
        Message inZone = query("alias.demo.test.", Type.A);
        inZone.getHeader().unsetFlag(Flags.RD);
        assertEquals(2, ask(inZone, "127.0.0.1").response().getSection(Section.ANSWER).size(),
                "a target inside the zones is chased without RD");
    }

    @Test
    void cnameLoopsEndAtTheLoopWithEachLinkOnce() throws Exception {
        Reply r = ask(query("loop.lan.", Type.A), "127.0.0.1");
        assertEquals(Rcode.NOERROR, r.rcode());
        assertEquals(1, r.response().getSection(Section.ANSWER).size());
    }

    @Test
    void aZoneCnameOutOfTheZonesStaysNoerrorAndAuthoritativeWhenTheForwarderSaysNxdomain() throws Exception {
        Upstream nx = q -> {
            Message r = new Message(q.getHeader().getID());
            r.getHeader().setFlag(Flags.QR);
            r.getHeader().setRcode(Rcode.NXDOMAIN);
            r.addRecord(q.getQuestion(), Section.QUESTION);
            return CompletableFuture.completedFuture(r);
        };
        for (Upstream up : java.util.Arrays.asList(nx, null,
                q -> CompletableFuture.failedFuture(new java.io.IOException("timeout")))) {
            Chain chain = new Chain(List.of(ZONES), Networks.parse("r", List.of("127.0.0.0/8")), up, 1);
            Message r = new Responder(() -> chain, 1232, QueryPolicy.NONE)
                    .respond(query("out.demo.test.", Type.A).toWire(), LOOPBACK, AT).get().response();
            assertEquals(Rcode.NOERROR, r.getRcode(), r.toString());
            assertTrue(r.getHeader().getFlag(Flags.AA), r.toString());
            assertEquals(Type.CNAME, r.getSection(Section.ANSWER).get(0).getType());
            assertEquals(1, r.getSection(Section.ANSWER).size());
        }
    }

    @Test
    void forwardedNamesAreRefusedOutsideTheRecursionNetworks() throws Exception {
        Reply r = ask(query("example.org.", Type.A), "203.0.113.5");
        assertEquals(Rcode.REFUSED, r.rcode());
        assertEquals("policy", r.source());
        assertFalse(r.response().getHeader().getFlag(Flags.RA));
        Reply in = ask(query("example.org.", Type.A), "127.0.0.1");
        assertEquals("forward", in.source());
        assertTrue(in.response().getHeader().getFlag(Flags.RA));
        assertNotNull(forwarded.get());
    }

    @Test
    void withoutAForwarderForwardedNamesGetServfail() throws Exception {
        Reply r = responder(false).respond(query("example.org.", Type.A).toWire(), LOOPBACK, AT).get();
        assertEquals(Rcode.SERVFAIL, r.rcode());
    }

    @Test
    void zoneNxdomainIsNeverForwarded() throws Exception {
        Reply r = ask(query("nope.demo.test.", Type.A), "127.0.0.1");
        assertEquals(Rcode.NXDOMAIN, r.rcode());
        assertEquals(Type.SOA, r.response().getSection(Section.AUTHORITY).get(0).getType());
    }

    @Test
    void garbageGetsFormerrAndShortPacketsAreDropped() throws Exception {
        byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7f, 0x7f};
        Reply r = responder(true).respond(garbage, LOOPBACK, AT).get();
        assertEquals(Rcode.FORMERR, r.rcode());
        assertEquals(0x1234, r.response().getHeader().getID());
        assertNull(responder(true).respond(new byte[5], LOOPBACK, AT).get().response());
    }

    @Test
    void responsesAreDroppedAndUnknownOpcodesGetNotimp() throws Exception {
        Message resp = query("www.demo.test.", Type.A);
        resp.getHeader().setFlag(Flags.QR);
        assertNull(ask(resp, "127.0.0.1").response());
        Message notify = query("www.demo.test.", Type.SOA);
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        assertEquals(Rcode.NOTIMP, ask(notify, "127.0.0.1").rcode());
    }

    @Test
    void twoOptRecordsOrOneOutsideTheAdditionalSectionGetFormerr() throws Exception {
        Message two = query("www.demo.test.", Type.A);
        two.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        two.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        Reply r = ask(two, "127.0.0.1");
        assertEquals(Rcode.FORMERR, r.rcode());
        assertNull(r.response().getOPT());
        Message inAnswer = query("www.demo.test.", Type.A);
        inAnswer.addRecord(new OPTRecord(1232, 0, 0), Section.ANSWER);
        assertEquals(Rcode.FORMERR, ask(inAnswer, "127.0.0.1").rcode());
    }

    /** The error replies Knot cannot be asked for (it has no forwarder): each carries an OPT for an EDNS query. */
    @Test
    void servfailAndRefusedToAnEdnsQueryCarryOpt() throws Exception {
        Upstream failing = q -> CompletableFuture.failedFuture(new java.io.IOException("timeout"));
        for (Upstream up : java.util.Arrays.asList(failing, null)) {
            Chain chain = new Chain(List.of(ZONES), Networks.parse("r", List.of("127.0.0.0/8")), up, 1);
            Responder responder = new Responder(() -> chain, 1232, QueryPolicy.NONE);
            Message q = query("name.upstream.test.", Type.A);
            q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
            Message servfail = responder.respond(q.toWire(), LOOPBACK, AT).get().response();
            assertEquals(Rcode.SERVFAIL, servfail.getRcode());
            assertNotNull(servfail.getOPT(), servfail.toString());
            Message refused = responder.respond(q.toWire(), addr("203.0.113.5"), AT).get().response();
            assertEquals(Rcode.REFUSED, refused.getRcode());
            assertNotNull(refused.getOPT(), refused.toString());
        }
    }

    @Test
    void notimpToAnEdnsQueryCarriesOpt() throws Exception {
        Message q = query("www.demo.test.", Type.A);
        q.getHeader().setOpcode(3);
        q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        Message r = ask(q, "127.0.0.1").response();
        assertEquals(Rcode.NOTIMP, r.getRcode());
        assertNotNull(r.getOPT(), "RFC 6891 section 7: an OPT in every response to an EDNS query");
    }

    @Test
    void typeZeroGetsNotimp() throws Exception {
        assertEquals(Rcode.NOTIMP, ask(query("www.demo.test.", 0), "127.0.0.1").rcode());
    }

    @Test
    void anyGetsTheRfc8482Hinfo() throws Exception {
        Message r = ask(query("www.demo.test.", Type.ANY), "203.0.113.5").response();
        assertEquals(Type.HINFO, r.getSection(Section.ANSWER).get(0).getType());
        assertEquals(Rcode.NXDOMAIN, ask(query("nope.demo.test.", Type.ANY), "203.0.113.5").rcode());
        assertEquals(Rcode.REFUSED, ask(query("example.org.", Type.ANY), "203.0.113.5").rcode());
        Message ent = ask(query("b.ent.demo.test.", Type.ANY), "203.0.113.5").response();
        assertTrue(ent.getSection(Section.ANSWER).isEmpty(), "an empty non-terminal has no records: NODATA");
        assertEquals(Type.SOA, ent.getSection(Section.AUTHORITY).get(0).getType());
        assertEquals(Type.HINFO, ask(query("nas.lan.", Type.ANY), "203.0.113.5").response()
                .getSection(Section.ANSWER).get(0).getType(), "a rewritten name still gets the HINFO");
    }

    @Test
    void ednsIsEchoedWithOurPayloadAndDoBit() throws Exception {
        Message q = query("www.demo.test.", Type.A);
        q.addRecord(new OPTRecord(4096, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
        Reply r = ask(q, "127.0.0.1");
        OPTRecord opt = r.response().getOPT();
        assertEquals(1232, opt.getPayloadSize());
        assertEquals(ExtendedFlags.DO, opt.getFlags() & ExtendedFlags.DO);
        assertEquals(1232, r.udpLimit());
        assertNull(ask(query("www.demo.test.", Type.A), "127.0.0.1").response().getOPT());
        assertEquals(512, ask(query("www.demo.test.", Type.A), "127.0.0.1").udpLimit());
    }

    @Test
    void unknownEdnsVersionGetsBadvers() throws Exception {
        Message q = query("www.demo.test.", Type.A);
        q.addRecord(new OPTRecord(1232, 0, 1, 0), Section.ADDITIONAL);
        Message r = ask(q, "127.0.0.1").response();
        assertEquals(16, r.getRcode());
    }

    @Test
    void otherClassesAndTransfersAreRefused() throws Exception {
        Message chaos = Message.newQuery(Record.newRecord(Name.fromString("version.bind."), Type.TXT, DClass.CH));
        assertEquals(Rcode.REFUSED, ask(chaos, "127.0.0.1").rcode());
        assertEquals(Rcode.REFUSED, ask(query("demo.test.", Type.AXFR), "127.0.0.1").rcode());
    }

    @Test
    void tooBigForUdpIsTruncated() throws Exception {
        Reply r = ask(query("big.demo.test.", Type.TXT), "127.0.0.1");
        byte[] udp = r.response().toWire(r.udpLimit());
        assertTrue(udp.length <= 512);
        Message parsed = new Message(udp);
        assertTrue(parsed.getHeader().getFlag(Flags.TC));
        Message full = new Message(r.response().toWire(65535));
        assertEquals(3, full.getSection(Section.ANSWER).size());
        assertArrayEquals(r.response().getQuestion().getName().toWire(), parsed.getQuestion().getName().toWire());
    }
}
