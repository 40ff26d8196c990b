package edgebox.dns.memo;

import java.net.InetAddress;
import java.util.Arrays;

import io.netty.buffer.ByteBuf;

/**
 * What a kept reply is filed under: the question's name in lower case, its type, every header and EDNS bit the reply
 * depends on (RD, CD, AD, EDNS, DO, TCP, whether the client may recurse), the client's EDNS payload size and, when
 * the chain answers some clients differently, the client's address.
 */
final class MemoKey {

    static final int RECURSION = 1;
    static final int TCP = 2;
    private static final int EDNS = 4;
    private static final int DNSSEC_OK = 8;
    private static final int HEADER_BITS = 0x0130;

    private final byte[] bytes;
    private final int hash;

    private MemoKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** {@code bits}: {@link #RECURSION} and {@link #TCP}; {@code client} null unless the chain tells clients apart. */
    static MemoKey of(ByteBuf query, WireQuestion q, int bits, InetAddress client) {
        int base = query.readerIndex();
        int nameLength = q.nameEnd() - WireQuestion.HEADER;
        byte[] address = client == null ? null : client.getAddress();
        byte[] k = new byte[nameLength + 7 + (address == null ? 0 : address.length)];
        for (int i = 0; i < nameLength; i++) {
            byte b = query.getByte(base + WireQuestion.HEADER + i);
            k[i] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
        }
        int at = nameLength;
        k[at++] = (byte) (q.type() >> 8);
        k[at++] = (byte) q.type();
        int headerBits = q.flags() & HEADER_BITS;
        k[at++] = (byte) (headerBits >> 8);
        k[at++] = (byte) (headerBits | bits | (q.edns() ? EDNS : 0) | (q.dnssecOk() ? DNSSEC_OK : 0));
        k[at++] = (byte) (q.payload() >> 8);
        k[at++] = (byte) q.payload();
        k[at++] = (byte) (address == null ? 0 : address.length);
        if (address != null) {
            System.arraycopy(address, 0, k, at, address.length);
        }
        return new MemoKey(k);
    }

    /** Bytes of the key. */
    int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemoKey other && other.hash == hash && Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
