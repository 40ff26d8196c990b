package edgebox.lb.io.tpacket;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

import edgebox.api.packet.FrameHandler;

/**
 * Walks a mapped TPACKET_V3 receive ring: takes the blocks the kernel has handed over, in order, gives each frame to
 * the handler in place (its TCP or UDP checksum completed first when the sender left it to the hardware, see
 * {@link PartialChecksum}), skips the port's own outgoing frames, and gives each block back once its last frame has been
 * handled. Remembers where it stopped, so a batch may end inside a block. One thread only.
 */
final class RxRing {

    private static final VarHandle STATUS = ValueLayout.JAVA_INT.varHandle();

    private final MemorySegment ring;
    private final ByteBuffer view;
    private final int blockSize;
    private final int blocks;
    private int block;
    /** Frames of the current block not yet walked; -1 before the block has been taken. */
    private int left = -1;
    private long frame;

    /** {@code ring} and {@code view} both start at the receive ring's first block. */
    RxRing(MemorySegment ring, ByteBuffer view, int blockSize, int blocks) {
        this.ring = ring;
        this.view = view;
        this.blockSize = blockSize;
        this.blocks = blocks;
    }

    /** Whether a frame may be waiting without asking the kernel. */
    boolean ready() {
        return left >= 0 || ((int) STATUS.getAcquire(ring, blockStart() + Tpacket3.BLOCK_STATUS)
                & Tpacket3.TP_STATUS_USER) != 0;
    }

    /** Hands up to {@code most} waiting frames to {@code handler}; returns how many it handed. */
    int hand(FrameHandler handler, int most) {
        int handed = 0;
        while (handed < most) {
            if (left < 0) {
                if (!ready()) {
                    break;
                }
                long start = blockStart();
                left = ring.get(JAVA_INT, start + Tpacket3.BLOCK_NUM_PKTS);
                frame = start + ring.get(JAVA_INT, start + Tpacket3.BLOCK_OFFSET_TO_FIRST_PKT);
            }
            if (left == 0) {
                release();
                continue;
            }
            long at = frame;
            left--;
            frame = at + ring.get(JAVA_INT, at + Tpacket3.NEXT_OFFSET);
            if (ring.get(JAVA_BYTE, at + Tpacket3.PKTTYPE) != Tpacket3.PACKET_OUTGOING) {
                handed++;
                int mac = (int) at + Short.toUnsignedInt(ring.get(JAVA_SHORT, at + Tpacket3.MAC));
                int captured = ring.get(JAVA_INT, at + Tpacket3.SNAPLEN);
                if ((ring.get(JAVA_INT, at + Tpacket3.STATUS) & Tpacket3.TP_STATUS_CSUMNOTREADY) != 0) {
                    PartialChecksum.complete(view, mac, captured);
                }
                handler.frame(view, mac, captured, ring.get(JAVA_INT, at + Tpacket3.LEN));
            }
            if (left == 0) {
                release();
            }
        }
        return handed;
    }

    private void release() {
        STATUS.setRelease(ring, blockStart() + Tpacket3.BLOCK_STATUS, Tpacket3.TP_STATUS_KERNEL);
        block = block + 1 == blocks ? 0 : block + 1;
        left = -1;
    }

    private long blockStart() {
        return (long) block * blockSize;
    }
}
