package edgebox.lb.io.tpacket;

/**
 * Numbers and structure offsets of Linux packet sockets with TPACKET_V3 rings (linux/if_packet.h, x86-64 and every
 * other 64-bit Linux ABI), in one place so the ring classes read as prose.
 */
final class Tpacket3 {

    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    /** htons(ETH_P_ALL) as the bytes of sockaddr_ll.sll_protocol: every protocol. */
    static final byte[] ETH_P_ALL_NETWORK_ORDER = {0x00, 0x03};
    static final int SOL_PACKET = 263;

    static final int PACKET_RX_RING = 5;
    static final int PACKET_STATISTICS = 6;
    static final int PACKET_VERSION = 10;
    static final int PACKET_TX_RING = 13;
    static final int PACKET_LOSS = 14;
    static final int PACKET_QDISC_BYPASS = 20;
    static final int PACKET_IGNORE_OUTGOING = 23;
    static final int TPACKET_V3 = 2;

    static final int PACKET_OUTGOING = 4;
    static final int TP_STATUS_KERNEL = 0;
    static final int TP_STATUS_USER = 1;
    static final int TP_STATUS_AVAILABLE = 0;
    static final int TP_STATUS_SEND_REQUEST = 1;
    static final int TP_STATUS_WRONG_FORMAT = 4;
    /** A received frame's TCP or UDP checksum is left to the hardware (a veth, tap or virtio sender's offload). */
    static final int TP_STATUS_CSUMNOTREADY = 8;

    /** struct sockaddr_ll: family, protocol, ifindex ... 20 bytes. */
    static final int SOCKADDR_LL_BYTES = 20;
    static final int SLL_PROTOCOL = 2;
    static final int SLL_IFINDEX = 4;
    static final int SLL_PKTTYPE = 10;

    /** struct tpacket_req3: seven unsigned ints. */
    static final int REQ3_BYTES = 28;

    /** struct tpacket_block_desc with its tpacket_hdr_v1. */
    static final int BLOCK_STATUS = 8;
    static final int BLOCK_NUM_PKTS = 12;
    static final int BLOCK_OFFSET_TO_FIRST_PKT = 16;
    /** The block header rounded up as the kernel does before the first frame. */
    static final int BLOCK_HEADER_BYTES = 48;

    /** struct tpacket3_hdr, 48 bytes, followed in received frames by a sockaddr_ll. */
    static final int NEXT_OFFSET = 0;
    static final int SNAPLEN = 12;
    static final int LEN = 16;
    static final int STATUS = 20;
    static final int MAC = 24;
    static final int HEADER_BYTES = 48;
    /** Where the sockaddr_ll of a received frame starts, and so where its packet type is. */
    static final int PKTTYPE = HEADER_BYTES + SLL_PKTTYPE;
    /** TPACKET3_HDRLEN: the header and sockaddr_ll a received frame carries before its MAC header (at least). */
    static final int HDRLEN = HEADER_BYTES + SOCKADDR_LL_BYTES;
    /** Where a frame to send starts in its TX slot: TPACKET3_HDRLEN - sizeof(sockaddr_ll). */
    static final int TX_DATA = HDRLEN - SOCKADDR_LL_BYTES;

    static final int ETHERNET_HEADER = 14;
    static final int VLAN_TAG = 4;

    private Tpacket3() {
    }
}
