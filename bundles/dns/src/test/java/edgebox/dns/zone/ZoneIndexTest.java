package edgebox.dns.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

import edgebox.dns.answer.Answer;
import edgebox.dns.answer.Query;

class ZoneIndexTest {

    static final String ZONE = """
            $TTL 300
            @        IN SOA ns1 hostmaster 7 3600 600 86400 60
            @        IN NS  ns1
            ns1      IN A   127.0.0.1
            www      IN A   192.0.2.1
            www      IN AAAA 2001:db8::1
            alias    IN CNAME www
            a.b.deep IN TXT "deep"
            *.wild   IN A   192.0.2.9
            *.wild   IN TXT "wild"
            mail     IN MX  10 mx.example.
            _sip._tcp IN SRV 0 5 5060 sip
            @        IN CAA 0 issue "letsencrypt.org"
            1.2.0.192.in-addr.arpa. IN PTR www
            sub      IN NS  ns.sub
            """;

    static final Zones ZONES = new Zones(List.of(ZoneParser.parse("edgebox.dns.zone~t", "records", "demo.test.",
            ZONE.replace("1.2.0.192.in-addr.arpa. IN PTR www\n", ""))));

    static Answer ask(String name, int type) throws Exception {
        return ZONES.answer(new Query(Name.fromString(name), type, InetAddress.getLoopbackAddress(), true));
    }

    @Test
    void anyIsHinfoAtNamesWithDataAndNodataAtEmptyNonTerminals() throws Exception {
        Answer www = ask("www.demo.test.", Type.ANY);
        assertEquals(Type.HINFO, www.answers().get(0).getType());
        assertEquals(Type.HINFO, ask("x.wild.demo.test.", Type.ANY).answers().get(0).getType());
        Answer ent = ask("b.deep.demo.test.", Type.ANY);
        assertTrue(ent.answers().isEmpty(), ent.toString());
        assertEquals(Type.SOA, ent.authority().get(0).getType());
        assertEquals(Type.CNAME, ask("alias.demo.test.", Type.ANY).answers().get(0).getType());
    }

    @Test
    void answersRecordsOfEachType() throws Exception {
        assertEquals("192.0.2.1", ask("www.demo.test.", Type.A).answers().get(0).rdataToString());
        assertEquals(InetAddress.getByName("2001:db8::1"),
                ((org.xbill.DNS.AAAARecord) ask("www.demo.test.", Type.AAAA).answers().get(0)).getAddress());
        assertEquals("10 mx.example.", ask("mail.demo.test.", Type.MX).answers().get(0).rdataToString());
        assertEquals(Type.SRV, ask("_sip._tcp.demo.test.", Type.SRV).answers().get(0).getType());
        assertEquals(Type.CAA, ask("demo.test.", Type.CAA).answers().get(0).getType());
        Answer soa = ask("demo.test.", Type.SOA);
        assertTrue(soa.authoritative());
        assertEquals(7, ((SOARecord) soa.answers().get(0)).getSerial());
    }

    @Test
    void caseOfTheQuestionDoesNotMatter() throws Exception {
        assertEquals(1, ask("WwW.Demo.TEST.", Type.A).answers().size());
    }

    @Test
    void missingNameIsNxdomainWithSoaAndNegativeTtl() throws Exception {
        Answer a = ask("nope.demo.test.", Type.A);
        assertEquals(Rcode.NXDOMAIN, a.rcode());
        assertEquals(Type.SOA, a.authority().get(0).getType());
        assertEquals(60, a.authority().get(0).getTTL(), "RFC 2308: min(SOA TTL, minimum)");
        assertTrue(a.yielding(), "later local sources may still claim it");
    }

    @Test
    void existingNameWithoutTheTypeIsNodataWithSoa() throws Exception {
        Answer a = ask("www.demo.test.", Type.TXT);
        assertEquals(Rcode.NOERROR, a.rcode());
        assertTrue(a.answers().isEmpty());
        assertEquals(Type.SOA, a.authority().get(0).getType());
        assertFalse(a.yielding());
    }

    @Test
    void emptyNonTerminalIsNodata() throws Exception {
        Answer a = ask("b.deep.demo.test.", Type.A);
        assertEquals(Rcode.NOERROR, a.rcode());
        assertTrue(a.answers().isEmpty());
    }

    @Test
    void wildcardIsSynthesizedWithTheQueryName() throws Exception {
        Answer a = ask("anything.wild.demo.test.", Type.A);
        assertEquals(Name.fromString("anything.wild.demo.test."), a.answers().get(0).getName());
        Answer nodata = ask("x.wild.demo.test.", Type.AAAA);
        assertEquals(Rcode.NOERROR, nodata.rcode());
        assertTrue(nodata.answers().isEmpty());
        Answer parent = ask("wild.demo.test.", Type.A);
        assertEquals(Rcode.NOERROR, parent.rcode(), "the wildcard's parent exists as an empty non-terminal");
        assertTrue(parent.answers().isEmpty());
    }

    @Test
    void cnameNamesItsTargetForTheChase() throws Exception {
        Answer a = ask("alias.demo.test.", Type.A);
        assertEquals(Type.CNAME, a.answers().get(0).getType());
        assertEquals(Name.fromString("www.demo.test."), a.chase());
    }

    @Test
    void delegationGivesAReferral() throws Exception {
        Answer a = ask("host.sub.demo.test.", Type.A);
        assertFalse(a.authoritative());
        assertEquals(Type.NS, a.authority().get(0).getType());
    }

    @Test
    void namesOutsideEveryZoneAreNotClaimed() throws Exception {
        assertNull(ask("example.org.", Type.A));
    }

    @Test
    void missingSoaAndNsAreMadeUp() {
        ZoneIndex z = ZoneParser.parse("z", "records", "made.up.", "www IN A 127.0.0.1");
        assertTrue(z.records().stream().anyMatch(r -> r.getType() == Type.SOA));
        assertTrue(z.records().stream().anyMatch(r -> r.getType() == Type.NS));
    }

    @Test
    void badZonesAreRefusedNamingObjectAndReason() {
        var outside = assertThrows(IllegalArgumentException.class,
                () -> ZoneParser.parse("edgebox.dns.zone~x", "records", "a.test.", "www.b.test. IN A 127.0.0.1"));
        assertTrue(outside.getMessage().startsWith("edgebox.dns.zone~x: records: www.b.test. A: outside the origin"),
                outside.getMessage());
        var cname = assertThrows(IllegalArgumentException.class,
                () -> ZoneParser.parse("z", "records", "a.test.", "x IN CNAME y\nx IN A 127.0.0.1"));
        assertTrue(cname.getMessage().contains("CNAME cannot share"), cname.getMessage());
        var syntax = assertThrows(IllegalArgumentException.class,
                () -> ZoneParser.parse("z", "records", "a.test.", "x IN A not-an-address"));
        assertTrue(syntax.getMessage().startsWith("z: records: "), syntax.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ZoneParser.parse("z", "records", ".", "x IN A 1.2.3.4"));
        var belowDname = assertThrows(IllegalArgumentException.class, () -> ZoneParser.parse("z", "records",
                "a.test.", "old IN DNAME new.b.test.\nwww.old IN A 192.0.2.1"));
        assertEquals("z: records: www.old.a.test. A: below the DNAME at old.a.test., where no name can exist "
                + "(RFC 6672 section 2.4)", belowDname.getMessage());
        var twoDnames = assertThrows(IllegalArgumentException.class, () -> ZoneParser.parse("z", "records",
                "a.test.", "old IN DNAME new.b.test.\nold IN DNAME newer.b.test."));
        assertTrue(twoDnames.getMessage().startsWith("z: records: old.a.test. DNAME: one DNAME allowed"),
                twoDnames.getMessage());
    }

    @Test
    void dnameRedirectsTheNamesBelowItsOwner() throws Exception {
        ZoneIndex z = ZoneParser.parse("z", "records", "a.test.", "old 600 IN DNAME new.a.test.\n"
                + "www.new IN A 192.0.2.1\nold IN TXT \"owner\"\n"
                + "long IN DNAME " + "a".repeat(60) + "." + "b".repeat(60) + ".a.test.");
        Answer below = z.lookup(Name.fromString("www.old.a.test."), Type.A);
        assertEquals(List.of("old.a.test.\t\t600\tIN\tDNAME\tnew.a.test.",
                "www.old.a.test.\t\t600\tIN\tCNAME\twww.new.a.test."),
                below.answers().stream().map(Record::toString).toList());
        assertEquals(Name.fromString("www.new.a.test."), below.chase());
        assertTrue(below.authoritative());
        assertEquals(Type.DNAME, z.lookup(Name.fromString("old.a.test."), Type.DNAME).answers().get(0).getType(),
                "the owner itself answers its DNAME");
        assertEquals("\"owner\"", z.lookup(Name.fromString("old.a.test."), Type.TXT).answers().get(0)
                .rdataToString());
        Answer tooLong = z.lookup(Name.fromString("x".repeat(63) + "." + "y".repeat(63) + ".long.a.test."), Type.A);
        assertEquals(Rcode.YXDOMAIN, tooLong.rcode(), "the substitute would pass 255 bytes");
    }

    @Test
    void reverseZonesServePtr() throws Exception {
        Zones rev = new Zones(List.of(ZoneParser.parse("r", "records", "2.0.192.in-addr.arpa.",
                "1 IN PTR www.demo.test.")));
        Answer a = rev.answer(new Query(Name.fromString("1.2.0.192.in-addr.arpa."), Type.PTR,
                InetAddress.getLoopbackAddress(), true));
        assertEquals("www.demo.test.", a.answers().get(0).rdataToString());
    }

    @Test
    void longestOriginWins() throws Exception {
        Zones z = new Zones(List.of(ZoneParser.parse("outer", "records", "test.", "x.inner IN A 1.1.1.1"),
                ZoneParser.parse("inner", "records", "inner.test.", "x IN A 2.2.2.2")));
        Answer a = z.answer(new Query(Name.fromString("x.inner.test."), Type.A, InetAddress.getLoopbackAddress(),
                true));
        assertEquals("2.2.2.2", a.answers().get(0).rdataToString());
    }
}
