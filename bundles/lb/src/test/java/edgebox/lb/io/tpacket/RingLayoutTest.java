package edgebox.lb.io.tpacket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import edgebox.api.packet.PortOptions;

/** The rings are cut as the kernel accepts them and as the options ask. */
class RingLayoutTest {

    @Test
    void theDefaultOptionsGiveFourMegabytesEachWayInPowerOfTwoBlocks() {
        RingLayout layout = RingLayout.of(PortOptions.DEFAULT, 1500);
        assertEquals(4 << 20, layout.rxBytes());
        assertEquals(4 << 20, layout.txBytes());
        assertEquals(1, Integer.bitCount(layout.rxBlockSize()));
        assertEquals(1, Integer.bitCount(layout.txBlockSize()));
        assertEquals(0, layout.rxFrameSize() % 16);
        assertEquals(0, layout.txFrameSize() % 16);
    }

    @Test
    void aReceiveBlockHoldsAFrameOfTheSnapLengthWithItsHeaders() {
        for (int snap : new int[] {64, 1514, 9234, 65535}) {
            RingLayout layout = RingLayout.of(new PortOptions(64, 1 << 16, snap), 1500);
            assertTrue(layout.rxBlockSize() >= RingLayout.MIN_BLOCK);
            assertTrue(layout.rxBlockSize() >= Tpacket3.BLOCK_HEADER_BYTES + Tpacket3.HDRLEN + 16 + snap, "snap " + snap);
            assertTrue(layout.rxFrames() >= layout.rxBlocks(), "snap " + snap);
            assertTrue(layout.rxBlocks() >= 2);
        }
    }

    @Test
    void aTransmitSlotHoldsAFrameOfTheMtuWithAVlanTag() {
        for (int mtu : new int[] {1280, 1500, 9000, 65535}) {
            RingLayout layout = RingLayout.of(PortOptions.DEFAULT, mtu);
            assertEquals(mtu + 18, RingLayout.maxSendLength(mtu));
            assertTrue(layout.txFrameSize() - Tpacket3.TX_DATA >= mtu + 18, "mtu " + mtu);
            assertTrue(layout.txFramesPerBlock() >= 1, "mtu " + mtu);
        }
    }

    @Test
    void transmitSlotsNeverStraddleABlock() {
        RingLayout layout = RingLayout.of(PortOptions.DEFAULT, 9000);
        int perBlock = layout.txFramesPerBlock();
        assertEquals(layout.txBlockSize(), layout.txSlot(perBlock));
        assertEquals((long) (perBlock - 1) * layout.txFrameSize(), layout.txSlot(perBlock - 1));
        assertTrue(layout.txSlot(layout.txFrames() - 1) + layout.txFrameSize() <= layout.txBytes());
    }
}
