package edgebox.lb.io.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import edgebox.api.packet.FrameHandler;
import edgebox.api.packet.PacketPort;
import edgebox.api.packet.PortOptions;
import edgebox.lb.io.VethPair;

/**
 * Sending and receiving through pcap ports allocates nothing per frame on the Java heap: 64,000 frames out of one
 * port and into the other cost less than one byte each (measured: 0 bytes after warm-up). Needs root.
 */
class PcapAllocationTest {

    static final int BATCH = 64;
    static final int ROUNDS = 1_000;
    static final long ALLOWANCE = BATCH * ROUNDS;

    final ByteBuffer frame = ByteBuffer.allocateDirect(128);
    VethPair veth;
    long checksum;
    final FrameHandler handler = (buffer, offset, captured, length) -> checksum += buffer.get(offset + 45) + length;

    @BeforeEach
    void createVethPair() throws IOException {
        veth = VethPair.create();
        for (int i = 0; i < frame.capacity(); i++) {
            frame.put(i, (byte) i);
        }
        frame.put(0, (byte) 0x02);
    }

    @AfterEach
    void removeVethPair() throws IOException {
        veth.close();
    }

    /** Sends {@code rounds} batches from {@code out} and receives each batch on {@code in}; returns frames received. */
    long run(PacketPort out, PacketPort in, int rounds) throws IOException {
        long received = 0;
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < BATCH; i++) {
                frame.put(45, (byte) i);
                out.send(frame, 0, 64 + i);
            }
            out.flush();
            long deadline = System.nanoTime() + 2_000_000_000L;
            int got = 0;
            while (got < BATCH && System.nanoTime() < deadline) {
                got += in.receive(handler, 100);
            }
            received += got;
        }
        return received;
    }

    @Test
    void framesInAndOutAllocateNothingPerFrame() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        PcapPath path = new PcapPath();
        try (PacketPort in = path.open(veth.a(), "", new PortOptions(BATCH, 4 << 20, 2048));
                PacketPort out = path.open(veth.b(), "", new PortOptions(BATCH, 4 << 20, 2048))) {
            assertEquals(BATCH * ROUNDS / 2, run(out, in, ROUNDS / 2), "frames received while warming up");
            long before = threads.getThreadAllocatedBytes(thread);
            long received = run(out, in, ROUNDS);
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertEquals(BATCH * ROUNDS, received, "frames received");
            assertTrue(allocated < ALLOWANCE, allocated + " bytes allocated for " + received + " frames in and out");
            System.out.println("pcap port: " + allocated + " bytes allocated for " + received + " frames in and out");
        }
    }
}
