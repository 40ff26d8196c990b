package edgebox.api.packet;

import java.nio.ByteBuffer;

/**
 * Takes one received frame in place: {@code captured} bytes at absolute index {@code offset} of {@code buffer} (its
 * position, limit and order are not the handler's to change), of a frame that was {@code length} bytes on the wire.
 * The bytes are valid only during the call; the handler may rewrite them and pass them to {@link PacketPort#send}.
 */
@FunctionalInterface
public interface FrameHandler {

    void frame(ByteBuffer buffer, int offset, int captured, int length);
}
