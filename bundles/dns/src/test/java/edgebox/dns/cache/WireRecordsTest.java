package edgebox.dns.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class WireRecordsTest {

    @Test
    void findsEveryTtlButTheOptRecords() {
        Message q = Messages.query("www.example", Type.A, true, 7);
        Message r = Messages.answer(q, 300, 60);
        r.addRecord(Messages.negative(q, Rcode.NOERROR, 900, 30).getSection(org.xbill.DNS.Section.AUTHORITY).get(0),
                org.xbill.DNS.Section.AUTHORITY);
        byte[] wire = r.toWire();
        int[] offsets = WireRecords.ttlOffsets(wire);
        long[] ttls = Arrays.stream(offsets).mapToLong(o -> WireRecords.u32(wire, o)).toArray();
        assertArrayEquals(new long[] {300, 60, 900}, ttls, "A, A, SOA; the OPT record's flags are not a TTL");
    }

    @Test
    void malformedMessagesGiveNull() {
        byte[] wire = Messages.answer(Messages.query("a.example", Type.A, false, 1), 5).toWire();
        assertNull(WireRecords.ttlOffsets(Arrays.copyOf(wire, wire.length - 3)), "record data cut short");
        assertNull(WireRecords.ttlOffsets(new byte[5]), "shorter than a header");
        byte[] badLabel = wire.clone();
        badLabel[12] = (byte) 0x80;
        assertNull(WireRecords.ttlOffsets(badLabel), "label type 0x80 is reserved");
        byte[] manyRecords = wire.clone();
        manyRecords[6] = (byte) 0xFF;
        assertNull(WireRecords.ttlOffsets(manyRecords), "ANCOUNT beyond the message");
    }

    @Test
    void skipsCompressedAndPlainNames() {
        byte[] wire = {3, 'w', 'w', 'w', 0, (byte) 0xC0, 0, 9};
        assertEquals(5, WireRecords.skipName(wire, 0));
        assertEquals(7, WireRecords.skipName(wire, 5));
        assertEquals(-1, WireRecords.skipName(wire, 7), "a pointer cut in half");
    }
}
