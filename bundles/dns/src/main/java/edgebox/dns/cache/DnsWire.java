package edgebox.dns.cache;

import java.io.IOException;

import org.xbill.DNS.Message;
import org.xbill.DNS.WireParseException;

/**
 * Bytes to Message at the edge, refusing with a checked exception only. dnsjava throws runtime exceptions for some
 * malformed input (a TTL over 2^31-1 throws InvalidTTLException: found by the fuzz target), so both entries here
 * turn any failure into WireParseException. Upstream replies first get RFC 2181 section 8's treatment (a TTL with
 * its top bit set counts as zero) and must encode again, since they are passed on: dnsjava parses a WKS record with
 * an empty bitmap but throws when writing it (also found by the fuzz target).
 */
public final class DnsWire {

    private DnsWire() {
    }

    /** Parses a message from a client or anywhere else. */
    public static Message parse(byte[] wire) throws WireParseException {
        try {
            return new Message(wire);
        } catch (WireParseException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new WireParseException("malformed DNS message of " + wire.length + " bytes: " + e.getMessage());
        }
    }

    /** Parses an upstream reply, zeroing TTLs over 2^31-1 in {@code wire} first (the array is changed); checks it encodes. */
    public static Message parseReply(byte[] wire) throws WireParseException {
        int[] offsets = WireRecords.ttlOffsets(wire, true);
        if (offsets != null) {
            for (int offset : offsets) {
                if (wire[offset] < 0) {
                    WireRecords.putU32(wire, offset, 0);
                }
            }
        }
        Message reply = parse(wire);
        try {
            reply.toWire();
        } catch (RuntimeException e) {
            throw new WireParseException("DNS reply of " + wire.length + " bytes parses but cannot be encoded again: "
                    + e);
        }
        return reply;
    }
}
