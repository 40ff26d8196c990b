package edgebox.lb.frame;

/**
 * The 5-tuple of one flow as primitives: IPv4 addresses as an int, IPv6 addresses as two longs (high, low).
 * A {@link FrameView} owns its keys and overwrites them on every frame; copy the fields to keep them.
 */
public final class FlowKey {

    private int ipVersion;
    private int protocol;
    private int src4;
    private int dst4;
    private long srcHigh;
    private long srcLow;
    private long dstHigh;
    private long dstLow;
    private int srcPort;
    private int dstPort;

    /** 4 or 6; 0 before a frame named this flow. */
    public int ipVersion() {
        return ipVersion;
    }

    /** The upper-layer protocol number, after any IPv6 extension headers. */
    public int protocol() {
        return protocol;
    }

    /** The IPv4 source address; 0 for IPv6. */
    public int src4() {
        return src4;
    }

    public int dst4() {
        return dst4;
    }

    /** The first 64 bits of the IPv6 source address; 0 for IPv4. */
    public long srcHigh() {
        return srcHigh;
    }

    public long srcLow() {
        return srcLow;
    }

    public long dstHigh() {
        return dstHigh;
    }

    public long dstLow() {
        return dstLow;
    }

    /** The TCP or UDP source port; 0 when the packet carries none (other protocols, non-first fragments). */
    public int srcPort() {
        return srcPort;
    }

    public int dstPort() {
        return dstPort;
    }

    void clear() {
        ipVersion = 0;
        protocol = 0;
        src4 = 0;
        dst4 = 0;
        srcHigh = 0;
        srcLow = 0;
        dstHigh = 0;
        dstLow = 0;
        srcPort = 0;
        dstPort = 0;
    }

    void setV4(int protocol, int src, int dst) {
        this.ipVersion = 4;
        this.protocol = protocol;
        this.src4 = src;
        this.dst4 = dst;
    }

    void setV6(int protocol, long srcHigh, long srcLow, long dstHigh, long dstLow) {
        this.ipVersion = 6;
        this.protocol = protocol;
        this.srcHigh = srcHigh;
        this.srcLow = srcLow;
        this.dstHigh = dstHigh;
        this.dstLow = dstLow;
    }

    void setProtocol(int protocol) {
        this.protocol = protocol;
    }

    void setPorts(int src, int dst) {
        this.srcPort = src;
        this.dstPort = dst;
    }

    /** Swaps source and destination, turning a packet's flow into the flow of the packets answering it. */
    void reverse() {
        int a4 = src4;
        src4 = dst4;
        dst4 = a4;
        long high = srcHigh;
        long low = srcLow;
        srcHigh = dstHigh;
        srcLow = dstLow;
        dstHigh = high;
        dstLow = low;
        int port = srcPort;
        srcPort = dstPort;
        dstPort = port;
    }

    @Override
    public String toString() {
        return ipVersion == 4
                ? String.format("v4 proto %d %08x:%d -> %08x:%d", protocol, src4, srcPort, dst4, dstPort)
                : String.format("v6 proto %d %016x%016x:%d -> %016x%016x:%d", protocol, srcHigh, srcLow, srcPort,
                        dstHigh, dstLow, dstPort);
    }
}
