package edgebox.lb.frame;

import java.nio.ByteBuffer;

/**
 * Tunnels a VIP's packet to a backend on another segment: IPv4 in IPv4 (protocol 4, RFC 2003) or IPv6 in IPv6
 * (next header 41, RFC 2473). Writes a new Ethernet frame into a caller's buffer: Ethernet header towards the
 * next hop, the outer IP header from the box to the backend, then the packet as received, byte for byte.
 * Keeps the outer IPv4 identification counter, so one instance serves one thread.
 */
public final class IpipEncap {

    public static final int IPV4_OVERHEAD = 20;
    public static final int IPV6_OVERHEAD = 40;

    private static final int IPIP = 4;
    private static final int IPV6_IN_IPV6 = 41;
    private static final int TTL = 64;

    private final long boxMac;
    private final int box4;
    private final long box6High;
    private final long box6Low;
    private final int mtu;
    private int identification;
    private int written;

    /** The box's MAC and addresses; {@code mtu} bounds the outer packet, 68 to 65535. */
    public IpipEncap(long boxMac, int box4, long box6High, long box6Low, int mtu) {
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("IPIP encapsulation: mtu: " + mtu + " is outside 68..65535");
        }
        this.boxMac = boxMac;
        this.box4 = box4;
        this.box6High = box6High;
        this.box6Low = box6Low;
        this.mtu = mtu;
    }

    /**
     * Wraps the IPv4 packet of {@code frame} for {@code backend}, writing the frame at {@code out[at]}; returns
     * TOO_BIG (and writes nothing) when the outer packet would exceed the MTU, else null and {@link #written()}.
     */
    public DropReason encapsulate4(FrameView frame, int backend, long nextHopMac, ByteBuffer out, int at) {
        requireVersion(frame, 4);
        int inner = frame.l3Length();
        int total = IPV4_OVERHEAD + inner;
        if (total > mtu) {
            return DropReason.TOO_BIG;
        }
        ByteBuffer in = frame.buffer();
        int innerAt = frame.offset() + frame.l3Offset();
        int ip = writeEthernet(out, at, total, nextHopMac, FrameView.ETHER_IPV4);
        Bytes.put16(out, ip, 0x4500 | Bytes.u8(in, innerAt + 1));
        Bytes.put16(out, ip + 2, total);
        Bytes.put16(out, ip + 4, identification);
        identification = identification + 1 & 0xffff;
        Bytes.put16(out, ip + 6, Bytes.u16(in, innerAt + 6) & 0x4000);
        Bytes.put16(out, ip + 8, TTL << 8 | IPIP);
        Bytes.put16(out, ip + 10, 0);
        Bytes.put32(out, ip + 12, box4);
        Bytes.put32(out, ip + 16, backend);
        Bytes.put16(out, ip + 10, Checksum.of(out, ip, IPV4_OVERHEAD));
        out.put(ip + IPV4_OVERHEAD, in, innerAt, inner);
        return null;
    }

    /** Wraps the IPv6 packet of {@code frame} for the backend {@code backendHigh:backendLow}; as {@link #encapsulate4}. */
    public DropReason encapsulate6(FrameView frame, long backendHigh, long backendLow, long nextHopMac, ByteBuffer out,
            int at) {
        requireVersion(frame, 6);
        int inner = frame.l3Length();
        int total = IPV6_OVERHEAD + inner;
        if (total > mtu) {
            return DropReason.TOO_BIG;
        }
        ByteBuffer in = frame.buffer();
        int innerAt = frame.offset() + frame.l3Offset();
        int ip = writeEthernet(out, at, total, nextHopMac, FrameView.ETHER_IPV6);
        Bytes.put32(out, ip, Bytes.s32(in, innerAt));
        Bytes.put16(out, ip + 4, inner);
        Bytes.put16(out, ip + 6, IPV6_IN_IPV6 << 8 | TTL);
        Bytes.put64(out, ip + 8, box6High);
        Bytes.put64(out, ip + 16, box6Low);
        Bytes.put64(out, ip + 24, backendHigh);
        Bytes.put64(out, ip + 32, backendLow);
        out.put(ip + IPV6_OVERHEAD, in, innerAt, inner);
        return null;
    }

    /** The length of the frame the last successful call wrote. */
    public int written() {
        return written;
    }

    private int writeEthernet(ByteBuffer out, int at, int ipLength, long nextHopMac, int etherType) {
        int frameLength = FrameView.ETHERNET_HEADER + ipLength;
        if (at < 0 || out.capacity() - at < frameLength) {
            throw new IllegalArgumentException("IPIP encapsulation: output buffer: " + frameLength
                    + " bytes do not fit at index " + at + " of " + out.capacity());
        }
        Mac.write(out, at, nextHopMac);
        Mac.write(out, at + 6, boxMac);
        Bytes.put16(out, at + 12, etherType);
        written = frameLength;
        return at + FrameView.ETHERNET_HEADER;
    }

    private static void requireVersion(FrameView frame, int version) {
        if (frame.flow().ipVersion() != version) {
            throw new IllegalArgumentException("IPIP encapsulation: frame: IPv" + frame.flow().ipVersion()
                    + " packet given to the IPv" + version + " tunnel");
        }
    }
}
