package edgebox.lb.frame;

import static edgebox.lb.frame.TestFrames.BACKEND_MAC;
import static edgebox.lb.frame.TestFrames.BOX_MAC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** The frame path allocates nothing per frame: a million frames cost no more heap than a small constant. */
class NoAllocationTest {

    static final int ROUNDS = 170_000;
    static final long ALLOWANCE = 64 * 1024;

    final FrameView view = new FrameView();
    final DsrRewrite dsr = new DsrRewrite(BOX_MAC, 1500);
    final IpipEncap encap = new IpipEncap(BOX_MAC, IpipEncapTest.BOX, 1, 2, 1500);
    final ByteBuffer out = ByteBuffer.allocateDirect(2048);
    final ByteBuffer[] frames = {
            ByteBuffer.wrap(FrameViewTest.tcp4(FrameView.TCP_SYN)),
            ByteBuffer.wrap(FrameViewTest.udp6(TestFrames.concat(TestFrames.options(TestFrames.FRAGMENT, 8),
                    TestFrames.fragment(17, 0, true)), TestFrames.HOP_BY_HOP)),
            ByteBuffer.wrap(IcmpErrorTest.fragmentationNeeded()),
            ByteBuffer.wrap(IcmpErrorTest.packetTooBig()),
            ByteBuffer.wrap(TestFrames.ethernet(TestFrames.ARP, new byte[28])),
            ByteBuffer.wrap(new byte[20]),
    };

    long run(int rounds) {
        long checksum = 0;
        for (int i = 0; i < rounds * frames.length; i++) {
            ByteBuffer frame = frames[i % frames.length];
            DropReason drop = view.parse(frame, 0, frame.limit());
            if (drop != null) {
                checksum += drop.ordinal();
            } else if (view.flow().ipVersion() == 4) {
                checksum += view.flow().srcPort() + view.quotedFlow().dstPort();
                dsr.rewrite(view, BACKEND_MAC);
                encap.encapsulate4(view, IpipEncapTest.BACKEND, BACKEND_MAC, out, 0);
            } else {
                checksum += view.flow().dstLow() + view.quotedFlow().srcPort();
                encap.encapsulate6(view, 3, 4, BACKEND_MAC, out, 0);
            }
        }
        return checksum;
    }

    @Test
    void aMillionFramesAllocateNothingPerFrame() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long threadId = Thread.currentThread().threadId();
        long warm = run(ROUNDS / 5);
        long before = threads.getThreadAllocatedBytes(threadId);
        long measured = run(ROUNDS);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertTrue(allocated < ALLOWANCE, allocated + " bytes allocated for " + ROUNDS * frames.length + " frames");
        assertEquals(warm * 5, measured, "the frames read the same every round");
    }
}
