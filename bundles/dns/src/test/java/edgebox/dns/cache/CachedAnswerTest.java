package edgebox.dns.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class CachedAnswerTest {

    private static final CachePolicy POLICY = new CachePolicy(60, 3600, 600, 100, 86400);

    @Test
    void positiveTtlIsTheSmallestRecordTtlClampedToMinAndMax() {
        Message q = Messages.query("www.example", Type.A, false, 1);
        assertEquals(60, Messages.cached(q, Messages.answer(q, 10, 500), POLICY, 0).ttl(), "10 raised to minTtl");
        assertEquals(500, Messages.cached(q, Messages.answer(q, 900, 500), POLICY, 0).ttl());
        assertEquals(3600, Messages.cached(q, Messages.answer(q, 86400), POLICY, 0).ttl(), "lowered to maxTtl");
        Message reply = Messages.cached(q, Messages.answer(q, 10, 86400), POLICY, 0).reply(q, 0, -1);
        assertEquals(60, reply.getSection(Section.ANSWER).get(0).getTTL(), "records carry the clamped TTLs");
        assertEquals(3600, reply.getSection(Section.ANSWER).get(1).getTTL());
    }

    @Test
    void negativeTtlFollowsRfc2308() {
        Message q = Messages.query("nx.example", Type.A, false, 1);
        assertEquals(30, Messages.cached(q, Messages.negative(q, Rcode.NXDOMAIN, 900, 30), POLICY, 0).ttl(),
                "SOA minimum below the SOA TTL");
        assertEquals(20, Messages.cached(q, Messages.negative(q, Rcode.NOERROR, 20, 300), POLICY, 0).ttl(),
                "NODATA: SOA TTL below the minimum");
        assertEquals(600, Messages.cached(q, Messages.negative(q, Rcode.NXDOMAIN, 7200, 7200), POLICY, 0).ttl(),
                "capped at negativeTtlMax");
        CachedAnswer noSoa = Messages.cached(q, Messages.negative(q, Rcode.NXDOMAIN, -1, 0), POLICY, 0);
        assertEquals(0, noSoa.ttl(), "a negative answer without SOA is not kept");
        assertTrue(noSoa.negative());
        Message nx = Messages.cached(q, Messages.negative(q, Rcode.NXDOMAIN, 900, 30), POLICY, 0).reply(q, 0, -1);
        assertEquals(30, nx.getSection(Section.AUTHORITY).get(0).getTTL(), "the SOA's TTL is the negative TTL");
        assertEquals(Rcode.NXDOMAIN, nx.getRcode());
    }

    @Test
    void errorsAndTruncatedAnswersAreNotKept() {
        Message q = Messages.query("www.example", Type.A, false, 1);
        assertEquals(0, Messages.cached(q, Messages.reply(q, Rcode.SERVFAIL), POLICY, 0).ttl());
        Message tc = Messages.answer(q, 300);
        tc.getHeader().setFlag(Flags.TC);
        assertEquals(0, Messages.cached(q, tc, POLICY, 0).ttl());
        assertNull(CachedAnswer.of(CacheKey.of(q), tc, new byte[] {1, 2, 3}, POLICY, 0), "malformed bytes");
    }

    @Test
    void replyEchoesIdQuestionCaseAndAgesTtls() {
        Message first = Messages.query("WwW.Example", Type.A, false, 1);
        CachedAnswer answer = Messages.cached(first, Messages.answer(first, 300), POLICY, 1_000);
        Message second = Messages.query("www.EXAMPLE", Type.A, false, 4242);
        Message reply = answer.reply(second, 1_000 + 100_500, -1);
        assertEquals(4242, reply.getHeader().getID());
        assertEquals("www.EXAMPLE.", reply.getQuestion().getName().toString(), "the asker's letter case");
        assertEquals(200, reply.getSection(Section.ANSWER).get(0).getTTL(), "300 s less 100 whole seconds");
        assertTrue(reply.getHeader().getFlag(Flags.QR));
        assertTrue(reply.getHeader().getFlag(Flags.RA));
        Record stale = answer.reply(second, 1_000 + 900_000, 30).getSection(Section.ANSWER).get(0);
        assertEquals(30, stale.getTTL(), "served stale with the stale answer TTL");
    }

    @Test
    void ednsIsOursAndDoIsEchoed() {
        Message withDo = Messages.query("www.example", Type.A, true, 1);
        CachedAnswer answer = Messages.cached(withDo, Messages.answer(withDo, 300), POLICY, 0);
        Message reply = answer.reply(withDo, 0, -1);
        assertEquals(1, reply.getSection(Section.ADDITIONAL).size(), "the upstream's OPT is replaced, not doubled");
        assertEquals(CachedAnswer.EDNS_PAYLOAD, reply.getOPT().getPayloadSize());
        assertEquals(ExtendedFlags.DO, reply.getOPT().getFlags() & ExtendedFlags.DO);
        Message plain = Message.newQuery(withDo.getQuestion());
        assertNull(answer.reply(plain, 0, -1).getOPT(), "no EDNS in the query, none in the reply");
    }

    @Test
    void bytesWithOtherRecordsThanDnsjavaParsedAreNotKept() throws Exception {
        // found by the fuzz target: truncated (TC), so dnsjava stops at a bad answer record the TTL walker skips;
        // re-parsing the patched copy then produced a WKS record that cannot be encoded
        byte[] wire = java.util.Base64.getDecoder().decode("/Xo3AAABAAEAAAABAAkBQezACwE9ei5fAAAAAAGCAQAAAAsBPXoHAAAALgoA"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Message parsed = DnsWire.parseReply(wire.clone());
        assertNull(CachedAnswer.of(CacheKey.of(parsed), parsed, wire, POLICY, 0));
    }

    @Test
    void aNamePointingIntoATtlFieldGivesNoReplyInsteadOfAnException() throws Exception {
        // found by the fuzz target: the answer's owner name is a pointer into the header whose labels run on into
        // the record's own TTL field, and the TTL's third byte (0) ends the name, so a changed TTL changes the name
        byte[] found = java.util.Base64.getDecoder()
                .decode("/XzIAAABAAEAAAABAAsAAADAC/0rAAAAigAuAAAAABkCADDp/wAACiMAAAAAAQAACQAA");
        Message parsed = DnsWire.parseReply(found.clone());
        assertNull(CachedAnswer.of(CacheKey.of(parsed), parsed, found, POLICY, 0),
                "clamped to maxTtl, the TTL 9044014 becomes 3600, whose third byte is no name end: not kept");

        // the same message with a TTL the policy keeps as it is (65541: third byte 0) is stored; six seconds on,
        // the aged TTL 65535 puts 0xFF there, a compression pointer out of the message
        byte[] kept = found.clone();
        WireRecords.putU32(kept, WireRecords.ttlOffsets(kept)[0], 65_541);
        Message keptParsed = DnsWire.parseReply(kept.clone());
        CachedAnswer answer = CachedAnswer.of(CacheKey.of(keptParsed), keptParsed, kept,
                new CachePolicy(0, 86400, 600, 100, 86400), 0);
        assertNotNull(answer, "65541 is within the policy, left as it is: the stored name parses");
        assertNotNull(answer.reply(keptParsed, 5_999, -1), "aged by 5 s (TTL 65536): the name still parses");
        assertNull(answer.reply(keptParsed, 6_000, -1), "aged by 6 s (TTL 65535): no reply (the caller: SERVFAIL)");
    }

    @Test
    void freshnessStaleWindowAndPrefetchPoint() {
        Message q = Messages.query("www.example", Type.A, false, 1);
        CachedAnswer a = CachedAnswer.of(CacheKey.of(q), Messages.answer(q, 100), Messages.answer(q, 100).toWire(),
                new CachePolicy(0, 3600, 600, 10, 50), 0);
        assertTrue(a.fresh(99_999));
        assertFalse(a.nearExpiry(89_999));
        assertTrue(a.nearExpiry(90_001), "in the last tenth of 100 s");
        assertFalse(a.fresh(100_000));
        assertTrue(a.usableStale(149_999));
        assertFalse(a.usableStale(150_000));
        assertTrue(a.startRefresh());
        assertFalse(a.startRefresh(), "one refresh at a time");
    }
}
