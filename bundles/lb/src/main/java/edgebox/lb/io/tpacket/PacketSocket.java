package edgebox.lb.io.tpacket;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One AF_PACKET socket: created listening to no protocol, given its TPACKET_V3 rings and options, mapped, then bound
 * to one interface for every protocol, so no frame of another interface or from before the filter gets in. Counts
 * the kernel's drops (PACKET_STATISTICS resets them on each read) and closes once.
 */
final class PacketSocket {

    private static final int PROT_READ_WRITE = 3;
    private static final int MAP_SHARED = 1;
    private static final long MAP_FAILED = -1;

    private final String iface;
    private final int fd;
    private final MemorySegment setupCall;
    private final MemorySegment statsCall;
    private final MemorySegment statistics;
    private final MemorySegment statisticsLength;
    private long kernelDrops;
    private boolean closed;

    private PacketSocket(String iface, int fd, Arena structs) {
        this.iface = iface;
        this.fd = fd;
        this.setupCall = Libc.callState(structs);
        this.statsCall = Libc.callState(structs);
        this.statistics = structs.allocate(12, 4);
        this.statisticsLength = structs.allocate(JAVA_INT);
    }

    static PacketSocket create(String iface) throws IOException {
        Arena structs = Arena.ofAuto();
        MemorySegment call = Libc.callState(structs);
        int fd = Libc.socket(call, Tpacket3.AF_PACKET, Tpacket3.SOCK_RAW, 0);
        if (fd < 0) {
            throw Libc.failure("socket(AF_PACKET, SOCK_RAW)", iface, call);
        }
        return new PacketSocket(iface, fd, structs);
    }

    int fd() {
        return fd;
    }

    /** For calls made while the port is being opened or its filter replaced. */
    MemorySegment callState() {
        return setupCall;
    }

    void configure(RingLayout layout) throws IOException {
        setInt(Tpacket3.PACKET_VERSION, "PACKET_VERSION", Tpacket3.TPACKET_V3, true);
        setInt(Tpacket3.PACKET_IGNORE_OUTGOING, "PACKET_IGNORE_OUTGOING", 1, false);
        setInt(Tpacket3.PACKET_QDISC_BYPASS, "PACKET_QDISC_BYPASS", 1, true);
        setInt(Tpacket3.PACKET_LOSS, "PACKET_LOSS", 1, true);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rx = request(arena, layout.rxBlockSize(), layout.rxBlocks(), layout.rxFrameSize(),
                    layout.rxFrames(), RingLayout.RETIRE_MILLIS);
            set(Tpacket3.PACKET_RX_RING, "PACKET_RX_RING", rx);
            MemorySegment tx = request(arena, layout.txBlockSize(), layout.txBlocks(), layout.txFrameSize(),
                    layout.txFrames(), 0);
            set(Tpacket3.PACKET_TX_RING, "PACKET_TX_RING", tx);
        }
    }

    /** Maps both rings; the mapping is unmapped when {@code arena} closes. */
    MemorySegment map(long bytes, Arena arena) throws IOException {
        MemorySegment address = Libc.mmap(setupCall, bytes, PROT_READ_WRITE, MAP_SHARED, fd);
        if (address.address() == MAP_FAILED) {
            throw Libc.failure("mmap of " + bytes + " bytes of rings", iface, setupCall);
        }
        MemorySegment unmapCall = Libc.callState(Arena.ofAuto());
        return address.reinterpret(bytes, arena, mapped -> Libc.munmap(unmapCall, mapped, bytes));
    }

    void bind(int ifindex) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(Tpacket3.SOCKADDR_LL_BYTES, 4);
            address.set(JAVA_SHORT, 0, (short) Tpacket3.AF_PACKET);
            address.set(JAVA_BYTE, Tpacket3.SLL_PROTOCOL, Tpacket3.ETH_P_ALL_NETWORK_ORDER[0]);
            address.set(JAVA_BYTE, Tpacket3.SLL_PROTOCOL + 1, Tpacket3.ETH_P_ALL_NETWORK_ORDER[1]);
            address.set(JAVA_INT, Tpacket3.SLL_IFINDEX, ifindex);
            if (Libc.bind(setupCall, fd, address, Tpacket3.SOCKADDR_LL_BYTES) < 0) {
                throw Libc.failure("bind(AF_PACKET, ifindex " + ifindex + ")", iface, setupCall);
            }
        }
    }

    /** The frames the kernel dropped for want of ring space since the socket was created. */
    synchronized long kernelDrops() {
        if (!closed) {
            statisticsLength.set(JAVA_INT, 0, 12);
            if (Libc.getsockopt(statsCall, fd, Tpacket3.SOL_PACKET, Tpacket3.PACKET_STATISTICS, statistics,
                    statisticsLength) == 0) {
                kernelDrops += Integer.toUnsignedLong(statistics.get(JAVA_INT, 4));
            }
        }
        return kernelDrops;
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(statsCall, fd);
        }
    }

    private void setInt(int option, String name, int value, boolean required) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(JAVA_INT);
            segment.set(JAVA_INT, 0, value);
            if (Libc.setsockopt(setupCall, fd, Tpacket3.SOL_PACKET, option, segment, 4) < 0
                    && (required || Libc.errno(setupCall) != Libc.ENOPROTOOPT)) {
                throw Libc.failure("setsockopt(" + name + ")", iface, setupCall);
            }
        }
    }

    private void set(int option, String name, MemorySegment value) throws IOException {
        if (Libc.setsockopt(setupCall, fd, Tpacket3.SOL_PACKET, option, value, (int) value.byteSize()) < 0) {
            throw Libc.failure("setsockopt(" + name + ")", iface, setupCall);
        }
    }

    private static MemorySegment request(Arena arena, int blockSize, int blocks, int frameSize, int frames,
            int retireMillis) {
        MemorySegment request = arena.allocate(Tpacket3.REQ3_BYTES, 4);
        request.set(JAVA_INT, 0, blockSize);
        request.set(JAVA_INT, 4, blocks);
        request.set(JAVA_INT, 8, frameSize);
        request.set(JAVA_INT, 12, frames);
        request.set(JAVA_INT, 16, retireMillis);
        return request;
    }
}
