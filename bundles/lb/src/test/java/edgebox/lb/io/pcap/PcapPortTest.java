package edgebox.lb.io.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import edgebox.api.packet.PacketPath;
import edgebox.api.packet.PacketPort;
import edgebox.api.packet.PortOptions;
import edgebox.lb.io.PacketPortContract;

/** The pcap path keeps the packet port contract, and what is particular to it. */
class PcapPortTest extends PacketPortContract {

    @Override
    protected PacketPath path() {
        return new PcapPath();
    }

    @Test
    void aHandlersExceptionComesOutOfReceiveAndThePortGoesOn() throws IOException {
        try (PacketPort in = path().open(veth.a(), "", PortOptions.DEFAULT);
                PacketPort out = path().open(veth.b(), "", PortOptions.DEFAULT)) {
            ByteBuffer frame = ByteBuffer.allocate(100).put(0, (byte) 0x02);
            out.send(frame, 0, 100);
            out.send(frame, 0, 100);
            out.flush();
            IllegalStateException thrown = new IllegalStateException("the handler failed");
            long deadline = System.nanoTime() + 5_000_000_000L;
            IllegalStateException caught = null;
            while (caught == null && System.nanoTime() < deadline) {
                try {
                    in.receive((buffer, offset, captured, length) -> {
                        throw thrown;
                    }, 100);
                } catch (IllegalStateException e) {
                    caught = e;
                }
            }
            assertSame(thrown, caught, "the handler's own exception");
            int[] lengths = new int[1];
            while (lengths[0] == 0 && System.nanoTime() < deadline) {
                in.receive((buffer, offset, captured, length) -> lengths[0] = length, 100);
            }
            assertEquals(100, lengths[0], "the second frame, after the failure");
            assertEquals(2, in.stats().received(), "frames handed over, the failed one too");
        }
    }

    @Test
    void aFrameTheInterfaceRefusesCountsAsASendError() throws IOException {
        try (PacketPort out = path().open(veth.b(), "", new PortOptions(8, 1 << 20, 2048))) {
            ByteBuffer frame = ByteBuffer.allocate(1600).put(0, (byte) 0x02);
            out.send(frame, 0, 1600);
            assertEquals(0, out.flush(), "frames that went");
            assertEquals(1, out.stats().sendErrors(), "a 1600-byte frame on a 1500-byte MTU");
            assertEquals(0, out.stats().sent());
            out.send(frame, 0, 20_000);
            assertEquals(2, out.stats().sendErrors(), "a frame longer than the port's send slots");
        }
    }

    @Test
    void aClosedPortRefusesToSend() throws IOException {
        PacketPort out = path().open(veth.b(), "", PortOptions.DEFAULT);
        out.close();
        assertThrows(IOException.class, () -> out.send(ByteBuffer.allocate(64), 0, 64));
        assertThrows(IOException.class, out::flush);
    }
}
