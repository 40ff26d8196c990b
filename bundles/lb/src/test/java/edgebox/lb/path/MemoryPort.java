package edgebox.lb.path;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import edgebox.api.packet.FrameHandler;
import edgebox.api.packet.PacketPort;
import edgebox.api.packet.PortStats;

/**
 * A port in memory for tests: frames put in {@link #incoming} are handed to the handler in batches; frames sent
 * land in {@link #sent} when flushed (copied), or are only counted when the port discards them.
 */
public final class MemoryPort implements PacketPort {

    public final BlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
    public final BlockingQueue<byte[]> sent = new LinkedBlockingQueue<>();
    private final List<byte[]> queued = new ArrayList<>();
    private final String name;
    private final long mac;
    private final int mtu;
    private final int batch;
    private volatile boolean discardSends;
    private volatile String filter = "";
    private volatile boolean closed;
    private volatile long received;
    private volatile long sentCount;

    public MemoryPort(String name, long mac, int mtu, int batch) {
        this.name = name;
        this.mac = mac;
        this.mtu = mtu;
        this.batch = batch;
    }

    /** Sent frames are counted, not kept: sending allocates nothing. */
    public MemoryPort discardSends() {
        discardSends = true;
        return this;
    }

    @Override
    public String interfaceName() {
        return name;
    }

    @Override
    public long mac() {
        return mac;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    @Override
    public int receive(FrameHandler handler, int timeoutMillis) {
        int handed = 0;
        try {
            byte[] frame = incoming.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            while (frame != null) {
                handler.frame(ByteBuffer.wrap(frame), 0, frame.length, frame.length);
                received++;
                if (++handed == batch) {
                    break;
                }
                frame = incoming.poll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        return handed;
    }

    @Override
    public void send(ByteBuffer buffer, int offset, int length) {
        sentCount++;
        if (discardSends) {
            return;
        }
        byte[] copy = new byte[length];
        buffer.get(offset, copy);
        queued.add(copy);
        if (queued.size() >= batch) {
            flush();
        }
    }

    @Override
    public int flush() {
        int n = queued.size();
        sent.addAll(queued);
        queued.clear();
        return n;
    }

    @Override
    public void filter(String expression) {
        filter = expression;
    }

    public String filter() {
        return filter;
    }

    @Override
    public PortStats stats() {
        return new PortStats(received, 0, sentCount, 0);
    }

    @Override
    public void close() {
        closed = true;
    }

    public boolean closed() {
        return closed;
    }

    /** Takes every frame sent so far. */
    public List<byte[]> drain() {
        flush();
        List<byte[]> out = new ArrayList<>();
        sent.drainTo(out);
        return out;
    }
}
