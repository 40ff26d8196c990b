package edgebox.dns.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/** Inputs the fuzz target found, kept as regressions: dnsjava throws runtime exceptions for them. */
class DnsWireTest {

    /** A record with TTL 0x98980000: dnsjava throws InvalidTTLException (an IllegalArgumentException). */
    private static final String HUGE_TTL = "AAgrCgAAAQAkAACYAAAAAACYmAAAAAAA";

    /** A WKS record with an empty bitmap: dnsjava parses it and throws ArrayIndexOutOfBounds writing it. */
    private static final String EMPTY_WKS = "ABH9AAABAAAAAAABBwAAAAsAAAAAAAEHAAAACwAAAD4gkgAHAAAACwAAAD4gDQ0N/+j/DQ0NDQ0BAKgAAAAAAAAA"
            + "AGoAAAAEAA0AAAAAAAAAAAAAAAAAAAAwAAAAAAAADQ0NDQAAAE8AAAAAAAEHAAAACwAAAQcAAAALAAAAPiANDQ3/6P8NDQ0NDQEAqAAAAA"
            + "AAAAAAagAAAAQADQAAAAAAAAAAAAAAAAAAADAAAAAAAAAADegAAAAAAAkK";

    @Test
    void hugeTtlIsRefusedFromClientsAndZeroedFromUpstreams() throws Exception {
        byte[] wire = Base64.getDecoder().decode(HUGE_TTL);
        assertThrows(IllegalArgumentException.class, () -> new Message(wire), "dnsjava's own behaviour");
        assertThrows(WireParseException.class, () -> DnsWire.parse(wire));
        Message reply = DnsWire.parseReply(wire.clone());
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
            reply.getSection(section).forEach(r -> assertEquals(0, r.getTTL(), "RFC 2181: counts as zero"));
        }
    }

    @Test
    void repliesThatCannotBeEncodedAgainAreRefused() throws Exception {
        byte[] wire = Base64.getDecoder().decode(EMPTY_WKS);
        Message parsed = DnsWire.parse(wire);
        assertEquals(true, parsed.getSection(Section.ADDITIONAL).stream().anyMatch(r -> r.getType() == Type.WKS)
                || parsed.getSection(Section.ANSWER).stream().anyMatch(r -> r.getType() == Type.WKS)
                || parsed.getSection(Section.AUTHORITY).stream().anyMatch(r -> r.getType() == Type.WKS));
        assertThrows(WireParseException.class, () -> DnsWire.parseReply(wire.clone()));
    }
}
