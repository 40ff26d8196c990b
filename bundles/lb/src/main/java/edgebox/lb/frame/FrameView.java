package edgebox.lb.frame;

import static edgebox.lb.frame.Bytes.s32;
import static edgebox.lb.frame.Bytes.u16;
import static edgebox.lb.frame.Bytes.u8;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Reads one Ethernet frame in place: Ethernet II with at most one 802.1Q tag, IPv4 or IPv6, then TCP, UDP,
 * ICMPv4 or ICMPv6. The first stop on the load balancer's frame path; one view serves a thread for every frame
 * and allocates nothing. An ICMP "fragmentation needed" or "packet too big" also yields the flow it is about,
 * turned to the direction of the client's packets, so the flow's owner can be found.
 */
public final class FrameView {

    public static final int TCP_FIN = 0x01;
    public static final int TCP_SYN = 0x02;
    public static final int TCP_RST = 0x04;
    public static final int TCP_ACK = 0x10;

    static final int ETHERNET_HEADER = 14;
    static final int ETHER_IPV4 = 0x0800;
    static final int ETHER_IPV6 = 0x86dd;
    static final int ETHER_VLAN = 0x8100;
    static final int ICMP = 1;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMPV6 = 58;

    private final IpHeader ip = new IpHeader();
    private final IpHeader quotedIp = new IpHeader();
    private final FlowKey flow = new FlowKey();
    private final FlowKey quotedFlow = new FlowKey();

    private ByteBuffer buffer;
    private int offset;
    private int length;
    private int vlanId;
    private int etherType;
    private int l3Offset;
    private int l4Offset;
    private int tcpFlags;
    private int icmpType;
    private int icmpCode;
    private int icmpMtu;
    private boolean quotesFlow;

    /**
     * Reads the frame of {@code length} bytes at absolute index {@code offset}, which must lie below the buffer's
     * limit; the buffer's position, limit and byte order are left alone. Returns why the frame cannot be
     * forwarded, or null when it can.
     */
    public DropReason parse(ByteBuffer buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.limit());
        reset(buffer, offset, length);
        int limit = offset + length;
        if (length < ETHERNET_HEADER) {
            return DropReason.TRUNCATED;
        }
        int type = u16(buffer, offset + 12);
        int l3 = offset + ETHERNET_HEADER;
        if (type == ETHER_VLAN) {
            if (length < ETHERNET_HEADER + 4) {
                return DropReason.TRUNCATED;
            }
            vlanId = u16(buffer, l3) & 0xfff;
            type = u16(buffer, l3 + 2);
            l3 += 4;
        }
        etherType = type;
        l3Offset = l3 - offset;
        DropReason bad = switch (type) {
            case ETHER_IPV4 -> ip.readV4(buffer, l3, limit, false, flow);
            case ETHER_IPV6 -> ip.readV6(buffer, l3, limit, false, flow);
            default -> DropReason.UNSUPPORTED_ETHERTYPE;
        };
        if (bad != null || ip.laterFragment()) {
            return bad;
        }
        l4Offset = ip.upperOffset() - offset;
        return readUpperLayer(ip.upperOffset(), ip.end());
    }

    private DropReason readUpperLayer(int at, int end) {
        int available = end - at;
        switch (flow.protocol()) {
            case TCP -> {
                if (available < 20) {
                    return DropReason.TRUNCATED;
                }
                int headerLength = (u8(buffer, at + 12) >>> 4) * 4;
                if (headerLength < 20) {
                    return DropReason.BAD_L4_HEADER;
                }
                if (available < headerLength) {
                    return DropReason.TRUNCATED;
                }
                flow.setPorts(u16(buffer, at), u16(buffer, at + 2));
                tcpFlags = u8(buffer, at + 13);
            }
            case UDP -> {
                if (available < 8) {
                    return DropReason.TRUNCATED;
                }
                flow.setPorts(u16(buffer, at), u16(buffer, at + 2));
            }
            case ICMP -> {
                return flow.ipVersion() == 4 ? readIcmp(at, end) : null;
            }
            case ICMPV6 -> {
                return flow.ipVersion() == 6 ? readIcmp(at, end) : null;
            }
            default -> {
                // another protocol: its flow has addresses and no ports
            }
        }
        return null;
    }

    private DropReason readIcmp(int at, int end) {
        int version = flow.ipVersion();
        if (end - at < 8) {
            return DropReason.TRUNCATED;
        }
        icmpType = u8(buffer, at);
        icmpCode = u8(buffer, at + 1);
        if (version == 4 && icmpType == 3 && icmpCode == 4) {
            icmpMtu = u16(buffer, at + 6);
        } else if (version == 6 && icmpType == 2) {
            icmpMtu = s32(buffer, at + 4);
        } else {
            return null;
        }
        return readQuoted(at + 8, end, version);
    }

    private DropReason readQuoted(int at, int end, int version) {
        DropReason bad = version == 4
                ? quotedIp.readV4(buffer, at, end, true, quotedFlow)
                : quotedIp.readV6(buffer, at, end, true, quotedFlow);
        if (bad != null) {
            return DropReason.BAD_EMBEDDED_PACKET;
        }
        int protocol = quotedFlow.protocol();
        if (!quotedIp.laterFragment() && (protocol == TCP || protocol == UDP)) {
            int upper = quotedIp.upperOffset();
            if (quotedIp.end() - upper < 4) {
                return DropReason.BAD_EMBEDDED_PACKET;
            }
            quotedFlow.setPorts(u16(buffer, upper), u16(buffer, upper + 2));
        }
        quotedFlow.reverse();
        quotesFlow = true;
        return null;
    }

    private void reset(ByteBuffer buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        vlanId = -1;
        etherType = 0;
        l3Offset = 0;
        l4Offset = 0;
        tcpFlags = 0;
        icmpType = -1;
        icmpCode = -1;
        icmpMtu = 0;
        quotesFlow = false;
        ip.clear();
        quotedIp.clear();
        flow.clear();
        quotedFlow.clear();
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /** Absolute index of the frame's first byte in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    /** The frame's length as received, Ethernet padding included. */
    public int length() {
        return length;
    }

    /** The 802.1Q VLAN id, or -1 for an untagged frame. */
    public int vlanId() {
        return vlanId;
    }

    /** The EtherType after any VLAN tag. */
    public int etherType() {
        return etherType;
    }

    /** Where the IP header starts, counted from the frame's first byte. */
    public int l3Offset() {
        return l3Offset;
    }

    /** The IP packet's length as its header states it (IPv4 total length, IPv6 40 + payload length). */
    public int l3Length() {
        return ip.length();
    }

    /** Where the upper-layer header starts, counted from the frame's first byte; 0 for a later fragment. */
    public int l4Offset() {
        return l4Offset;
    }

    /** The packet is one fragment of a larger one. */
    public boolean fragment() {
        return ip.fragment();
    }

    /** A fragment other than the first, which carries no ports. */
    public boolean laterFragment() {
        return ip.laterFragment();
    }

    /** The flow of this packet as it travels. */
    public FlowKey flow() {
        return flow;
    }

    /** The TCP flags byte (CWR ... FIN); 0 for other protocols. */
    public int tcpFlags() {
        return tcpFlags;
    }

    /** The ICMP or ICMPv6 type, or -1. */
    public int icmpType() {
        return icmpType;
    }

    public int icmpCode() {
        return icmpCode;
    }

    /** The next-hop MTU an ICMP "fragmentation needed" or "packet too big" reports; 0 otherwise. */
    public int icmpMtu() {
        return icmpMtu;
    }

    /** The frame is an ICMP "fragmentation needed" or "packet too big" whose quoted packet names a flow. */
    public boolean quotesFlow() {
        return quotesFlow;
    }

    /**
     * The flow the ICMP error is about, in the direction of the client's packets: the quoted packet left a
     * backend towards the client, so its source and destination are swapped here.
     */
    public FlowKey quotedFlow() {
        return quotedFlow;
    }
}
