package edgebox.lb.io.tpacket;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

import edgebox.api.packet.FrameHandler;
import edgebox.api.packet.PacketPort;
import edgebox.api.packet.PortOptions;
import edgebox.api.packet.PortStats;

/**
 * An interface opened through one AF_PACKET socket with a TPACKET_V3 receive ring and a TPACKET_V3 transmit ring,
 * both mapped once into one region. Receiving walks the ring in place; sending copies into TX slots that one
 * {@code send(fd, NULL, 0, MSG_DONTWAIT)} per batch hands to the driver past the qdisc. Nothing is allocated per
 * frame or per call. Closing from another thread makes a receive under way fail.
 */
final class TpacketPort implements PacketPort {

    private static final int MSG_DONTWAIT = 0x40;
    private static final short POLLIN = 1;
    private static final short POLLERR = 8;

    private final String iface;
    private final long mac;
    private final int mtu;
    private final PortOptions options;
    private final PacketSocket socket;
    private final PcapFilter filter;
    private final Arena ringArena;
    private final RxRing rx;
    private final TxRing tx;
    private final MemorySegment dataCall;
    private final MemorySegment pollFd;
    private final int maxSendLength;
    private volatile boolean closed;
    private volatile long received;
    private volatile long sent;
    private volatile long sendErrors;

    private TpacketPort(String iface, long mac, int mtu, PortOptions options, PacketSocket socket, PcapFilter filter,
            Arena ringArena, MemorySegment ring, RingLayout layout) {
        this.iface = iface;
        this.mac = mac;
        this.mtu = mtu;
        this.options = options;
        this.socket = socket;
        this.filter = filter;
        this.ringArena = ringArena;
        ByteBuffer view = ring.asByteBuffer();
        this.rx = new RxRing(ring, view, layout.rxBlockSize(), layout.rxBlocks());
        this.tx = new TxRing(ring, view, layout.rxBytes(), layout);
        Arena structs = Arena.ofAuto();
        this.dataCall = Libc.callState(structs);
        this.pollFd = structs.allocate(8, 4);
        pollFd.set(JAVA_INT, 0, socket.fd());
        pollFd.set(JAVA_SHORT, 4, (short) (POLLIN | POLLERR));
        this.maxSendLength = RingLayout.maxSendLength(mtu);
    }

    static TpacketPort open(String iface, String expression, PortOptions options) throws IOException {
        Interface device = Interface.read(iface);
        RingLayout layout = RingLayout.of(options, device.mtu());
        if (layout.rxBytes() + layout.txBytes() > Integer.MAX_VALUE) {
            throw new IOException("interface " + iface + ": bufferBytes " + options.bufferBytes()
                    + " makes rings over 2 GiB");
        }
        PacketSocket socket = PacketSocket.create(iface);
        Arena ringArena = Arena.ofShared();
        try {
            socket.configure(layout);
            MemorySegment ring = socket.map(layout.rxBytes() + layout.txBytes(), ringArena);
            PcapFilter filter = PcapFilter.load(iface);
            filter.attach(socket.fd(), iface, expression, options.snapLength(), socket.callState());
            socket.bind(device.index());
            return new TpacketPort(iface, device.mac(), device.mtu(), options, socket, filter, ringArena, ring, layout);
        } catch (IOException | RuntimeException | Error e) {
            ringArena.close();
            socket.close();
            throw e;
        }
    }

    @Override
    public String interfaceName() {
        return iface;
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
    public int receive(FrameHandler handler, int timeoutMillis) throws IOException {
        ensureOpen();
        if (!rx.ready()) {
            if (Libc.poll(dataCall, pollFd, 1, timeoutMillis) < 0 && Libc.errno(dataCall) != Libc.EINTR) {
                throw Libc.failure("poll", iface, dataCall);
            }
        }
        int handed = rx.hand(handler, options.batch());
        if (handed > 0) {
            received += handed;
        }
        flush();
        return handed;
    }

    @Override
    public void send(ByteBuffer buffer, int offset, int length) throws IOException {
        ensureOpen();
        if (length < Tpacket3.ETHERNET_HEADER || length > maxSendLength) {
            throw new IOException("send on " + iface + ": a frame of " + length + " bytes is outside "
                    + Tpacket3.ETHERNET_HEADER + ".." + maxSendLength);
        }
        if (tx.queued() >= options.batch()) {
            flush();
        }
        if (!tx.put(buffer, offset, length)) {
            flush();
            if (!tx.put(buffer, offset, length)) {
                sendErrors++;
            }
        }
    }

    @Override
    public int flush() throws IOException {
        ensureOpen();
        if (tx.queued() == 0) {
            return 0;
        }
        int frames = tx.drain();
        if (Libc.kick(dataCall, socket.fd(), MSG_DONTWAIT) < 0) {
            int errno = Libc.errno(dataCall);
            sendErrors += frames;
            if (errno == Libc.EAGAIN || errno == Libc.ENOBUFS || errno == Libc.EINTR) {
                return 0;
            }
            throw Libc.failure("send of the TX ring", iface, dataCall);
        }
        sent += frames;
        return frames;
    }

    @Override
    public void filter(String expression) throws IOException {
        ensureOpen();
        filter.attach(socket.fd(), iface, expression, options.snapLength(), dataCall);
    }

    @Override
    public PortStats stats() {
        return new PortStats(received, socket.kernelDrops(), sent, sendErrors);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ringArena.close();
        socket.close();
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("port on " + iface + " is closed");
        }
    }
}
