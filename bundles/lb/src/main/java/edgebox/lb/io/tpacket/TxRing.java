package edgebox.lb.io.tpacket;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * Fills a mapped TPACKET_V3 transmit ring: copies each frame into the next slot, in the order the kernel walks
 * them, and marks it for sending; the kernel sends marked slots when asked and frees each once the frame has left.
 * One thread only.
 */
final class TxRing {

    private static final VarHandle STATUS = ValueLayout.JAVA_INT.varHandle();

    private final MemorySegment ring;
    private final ByteBuffer view;
    private final RingLayout layout;
    private final long start;
    private final int slots;
    private int next;
    private int queued;

    /** {@code ring} and {@code view} start at the mapping's first byte; the transmit ring at {@code start}. */
    TxRing(MemorySegment ring, ByteBuffer view, long start, RingLayout layout) {
        this.ring = ring;
        this.view = view;
        this.layout = layout;
        this.start = start;
        this.slots = layout.txFrames();
    }

    /** Copies the frame into the next slot; false when the kernel still holds that slot (the ring is full). */
    boolean put(ByteBuffer frame, int offset, int length) {
        long slot = start + layout.txSlot(next);
        int status = (int) STATUS.getAcquire(ring, slot + Tpacket3.STATUS);
        if (status != Tpacket3.TP_STATUS_AVAILABLE && status != Tpacket3.TP_STATUS_WRONG_FORMAT) {
            return false;
        }
        view.put((int) slot + Tpacket3.TX_DATA, frame, offset, length);
        ring.set(JAVA_INT, slot + Tpacket3.NEXT_OFFSET, 0);
        ring.set(JAVA_INT, slot + Tpacket3.LEN, length);
        ring.set(JAVA_INT, slot + Tpacket3.SNAPLEN, length);
        STATUS.setRelease(ring, slot + Tpacket3.STATUS, Tpacket3.TP_STATUS_SEND_REQUEST);
        next = next + 1 == slots ? 0 : next + 1;
        queued++;
        return true;
    }

    int queued() {
        return queued;
    }

    /** Forgets the marked slots once the kernel has been asked to send them; returns how many there were. */
    int drain() {
        int marked = queued;
        queued = 0;
        return marked;
    }
}
