package edgebox.lb.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import edgebox.api.packet.FrameHandler;
import edgebox.api.packet.PacketPort;

/** What a port handed over: each frame's captured bytes and wire length, and how many each receive call gave. */
final class Received implements FrameHandler {

    final List<byte[]> frames = new ArrayList<>();
    final List<Integer> lengths = new ArrayList<>();
    final List<Integer> batches = new ArrayList<>();

    @Override
    public void frame(ByteBuffer buffer, int offset, int captured, int length) {
        byte[] copy = new byte[captured];
        buffer.get(offset, copy);
        frames.add(copy);
        lengths.add(length);
    }

    /** Receives until {@code expected} frames have come or {@code millis} have passed; checks each call's count. */
    Received until(PacketPort port, int expected, int batch, long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (frames.size() < expected && System.nanoTime() < deadline) {
            int before = frames.size();
            int handed = port.receive(this, 50);
            assertTrue(handed == frames.size() - before, "receive returned " + handed + " but handed "
                    + (frames.size() - before));
            assertTrue(handed <= batch, "one receive handed " + handed + " frames, the batch is " + batch);
            if (handed > 0) {
                batches.add(handed);
            }
        }
        return this;
    }

    /** Receives for {@code millis} more, to catch frames that should not come. */
    Received settle(PacketPort port, int batch, long millis) throws IOException {
        return until(port, Integer.MAX_VALUE, batch, millis);
    }

    int sequence(int index) {
        return Frames.sequence(frames.get(index));
    }
}
