package edgebox.lb.frame;

/** Why the data path refuses a frame; each reason gets its own counter. */
public enum DropReason {
    /** The frame ends before a header it announces, or before the length its IP header states. */
    TRUNCATED,
    /** Not IPv4 or IPv6 (after at most one 802.1Q tag). */
    UNSUPPORTED_ETHERTYPE,
    /** The IP version does not match the EtherType, or a header length is impossible. */
    BAD_IP_HEADER,
    /** More IPv6 extension headers than the reader walks before the upper layer. */
    TOO_MANY_EXTENSION_HEADERS,
    /** A TCP header whose data offset is below its minimum length. */
    BAD_L4_HEADER,
    /** An ICMP "fragmentation needed" or "packet too big" whose quoted packet cannot name a flow. */
    BAD_EMBEDDED_PACKET,
    /** The packet is larger than the MTU of the segment it would leave on. */
    TOO_BIG
}
