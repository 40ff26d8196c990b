package edgebox.api.packet;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An open interface. One thread receives and sends; {@link #stats} and {@link #close} may come from any thread.
 */
public interface PacketPort extends AutoCloseable {

    String interfaceName();

    /** The interface's MAC address as a 48-bit number. */
    long mac();

    /** The interface's MTU: the most bytes of IP packet a frame sent on it may carry. */
    int mtu();

    /**
     * Waits up to {@code timeoutMillis} for frames, hands each to {@code handler} (at most the options' batch), and
     * returns how many it handed; 0 on timeout. Frames queued by the handler are flushed before it returns.
     */
    int receive(FrameHandler handler, int timeoutMillis) throws IOException;

    /** Queues {@code length} bytes at absolute index {@code offset} of {@code buffer} to be sent (copied). */
    void send(ByteBuffer buffer, int offset, int length) throws IOException;

    /** Sends what is queued; returns how many frames went. */
    int flush() throws IOException;

    /** Replaces the filter on the open port; the frames already queued in the kernel may still match the old one. */
    void filter(String expression) throws IOException;

    PortStats stats();

    @Override
    void close();
}
