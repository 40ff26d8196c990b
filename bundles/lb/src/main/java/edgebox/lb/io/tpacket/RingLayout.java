package edgebox.lb.io.tpacket;

import edgebox.api.packet.PortOptions;

/**
 * How a port's two rings are cut, from its options and the interface's MTU. Blocks are powers of two of at least
 * 64 KiB (so page-aligned on every page size) and a receive block holds at least one frame of the snap length; each
 * direction takes about {@code bufferBytes}, never fewer than two blocks. A TX slot holds one frame of the MTU plus
 * an Ethernet header and one VLAN tag.
 */
record RingLayout(int rxBlockSize, int rxBlocks, int rxFrameSize, int txBlockSize, int txBlocks, int txFrameSize) {

    static final int MIN_BLOCK = 1 << 16;
    /** How long the kernel keeps a partly filled receive block before handing it over anyway. */
    static final int RETIRE_MILLIS = 1;
    private static final int ALIGNMENT = 16;
    /** Room before a received frame's MAC header: block header, frame header, sockaddr_ll, alignment. */
    private static final int RX_OVERHEAD = Tpacket3.BLOCK_HEADER_BYTES + Tpacket3.HDRLEN + 2 * ALIGNMENT + 16;

    static RingLayout of(PortOptions options, int mtu) {
        int rxFrame = align(Tpacket3.HDRLEN + ALIGNMENT + options.snapLength());
        int rxBlock = Math.max(MIN_BLOCK, powerOfTwoAtLeast(RX_OVERHEAD + options.snapLength()));
        int txFrame = align(Tpacket3.TX_DATA + maxSendLength(mtu));
        int txBlock = Math.max(MIN_BLOCK, powerOfTwoAtLeast(txFrame));
        return new RingLayout(rxBlock, Math.max(2, options.bufferBytes() / rxBlock), rxFrame,
                txBlock, Math.max(2, options.bufferBytes() / txBlock), txFrame);
    }

    /** The longest frame a port sends on an interface of this MTU: the packet, an Ethernet header, a VLAN tag. */
    static int maxSendLength(int mtu) {
        return mtu + Tpacket3.ETHERNET_HEADER + Tpacket3.VLAN_TAG;
    }

    int rxFrames() {
        return rxBlockSize / rxFrameSize * rxBlocks;
    }

    int txFramesPerBlock() {
        return txBlockSize / txFrameSize;
    }

    int txFrames() {
        return txFramesPerBlock() * txBlocks;
    }

    long rxBytes() {
        return (long) rxBlockSize * rxBlocks;
    }

    long txBytes() {
        return (long) txBlockSize * txBlocks;
    }

    /** Where TX slot {@code index} starts, from the start of the TX ring (slots never straddle blocks). */
    long txSlot(int index) {
        return (long) (index / txFramesPerBlock()) * txBlockSize + (long) (index % txFramesPerBlock()) * txFrameSize;
    }

    private static int align(int bytes) {
        return (bytes + ALIGNMENT - 1) & -ALIGNMENT;
    }

    private static int powerOfTwoAtLeast(int bytes) {
        return Integer.highestOneBit(bytes - 1) << 1;
    }
}
