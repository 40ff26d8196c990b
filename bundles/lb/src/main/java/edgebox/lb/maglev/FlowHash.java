package edgebox.lb.maglev;

/**
 * The hash of a flow's 5-tuple that picks its Maglev slot: allocation-free, the same on every JVM and box for the
 * same seed (fmix64-based, see {@link Hash64}). IPv4 addresses are given as ints, IPv6 addresses as two longs
 * (high and low 64 bits, network order). Ports are the 16-bit values, the protocol the IP protocol number.
 */
public final class FlowHash {

    private FlowHash() {}

    public static long hash(long seed, int srcIp, int dstIp, int srcPort, int dstPort, int protocol) {
        long state = Hash64.fmix64(seed);
        state = Hash64.mix(state, ((srcIp & 0xFFFFFFFFL) << 32) | (dstIp & 0xFFFFFFFFL));
        return Hash64.mix(state, ports(srcPort, dstPort, protocol));
    }

    public static long hash(long seed, long srcHigh, long srcLow, long dstHigh, long dstLow,
                            int srcPort, int dstPort, int protocol) {
        long state = Hash64.fmix64(seed);
        state = Hash64.mix(state, srcHigh);
        state = Hash64.mix(state, srcLow);
        state = Hash64.mix(state, dstHigh);
        state = Hash64.mix(state, dstLow);
        return Hash64.mix(state, ports(srcPort, dstPort, protocol));
    }

    static long ports(int srcPort, int dstPort, int protocol) {
        return ((long) (srcPort & 0xFFFF) << 32) | ((long) (dstPort & 0xFFFF) << 16) | (protocol & 0xFF);
    }
}
