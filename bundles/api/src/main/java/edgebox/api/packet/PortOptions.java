package edgebox.api.packet;

/**
 * How a port is sized: {@code batch} the most frames one {@link PacketPort#receive} hands over and the most frames
 * queued before {@link PacketPort#send} flushes by itself; {@code bufferBytes} the kernel-side ring or buffer per
 * direction; {@code snapLength} the most bytes of a frame kept (frames are cut, never dropped, at this length, and
 * the handler is told the frame's real length).
 */
public record PortOptions(int batch, int bufferBytes, int snapLength) {

    public static final PortOptions DEFAULT = new PortOptions(64, 4 << 20, 9216 + 18);

    public PortOptions {
        if (batch < 1 || batch > 4096) {
            throw new IllegalArgumentException("batch must be 1..4096, not " + batch);
        }
        if (bufferBytes < 1 << 16) {
            throw new IllegalArgumentException("bufferBytes must be at least 65536, not " + bufferBytes);
        }
        if (snapLength < 64 || snapLength > 65535) {
            throw new IllegalArgumentException("snapLength must be 64..65535, not " + snapLength);
        }
    }
}
