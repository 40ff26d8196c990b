package edgebox.lb.io.tpacket;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Turns a libpcap filter expression into a classic BPF program with libpcap's own compiler (for Ethernet frames) and
 * attaches it to a socket with SO_ATTACH_FILTER, replacing the one there. The program's accept value is the snap
 * length, so the kernel also cuts each frame there; the empty expression accepts every frame.
 */
final class PcapFilter {

    static final String LIBRARY = "libpcap.so.0.8";
    private static final int DLT_EN10MB = 1;
    private static final int PCAP_NETMASK_UNKNOWN = 0xffffffff;
    private static final int SOL_SOCKET = 1;
    private static final int SO_ATTACH_FILTER = 26;
    /** struct bpf_program and struct sock_fprog: a count, padding, then a pointer to the instructions. */
    private static final long PROGRAM_BYTES = 16;
    private static final long INSTRUCTIONS_AT = 8;

    private final MethodHandle compile;
    private final MethodHandle free;

    private PcapFilter(MethodHandle compile, MethodHandle free) {
        this.compile = compile;
        this.free = free;
    }

    /** Finds libpcap's compiler; fails naming the library and the interface it was wanted for. */
    static PcapFilter load(String iface) throws IOException {
        SymbolLookup library;
        try {
            library = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new IOException("filter on " + iface + ": " + LIBRARY + " cannot be loaded: " + e.getMessage(), e);
        }
        Linker linker = Linker.nativeLinker();
        return new PcapFilter(
                linker.downcallHandle(library.findOrThrow("pcap_compile_nopcap"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT)),
                linker.downcallHandle(library.findOrThrow("pcap_freecode"), FunctionDescriptor.ofVoid(ADDRESS)));
    }

    /** Compiles {@code expression} and attaches it to {@code fd}; a failure names the expression and interface. */
    void attach(int fd, String iface, String expression, int snapLength, MemorySegment callState)
            throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment program = arena.allocate(PROGRAM_BYTES, 8);
            int compiled = (int) compile.invokeExact(snapLength, DLT_EN10MB, program,
                    arena.allocateFrom(expression), 1, PCAP_NETMASK_UNKNOWN);
            if (compiled != 0) {
                throw new IOException("filter '" + expression + "' on " + iface
                        + ": libpcap cannot compile it for Ethernet frames");
            }
            try {
                MemorySegment fprog = arena.allocate(PROGRAM_BYTES, 8);
                fprog.set(JAVA_SHORT, 0, (short) program.get(JAVA_INT, 0));
                fprog.set(ADDRESS, INSTRUCTIONS_AT, program.get(ADDRESS, INSTRUCTIONS_AT));
                if (Libc.setsockopt(callState, fd, SOL_SOCKET, SO_ATTACH_FILTER, fprog, (int) PROGRAM_BYTES) < 0) {
                    throw Libc.failure("setsockopt(SO_ATTACH_FILTER) of '" + expression + "'", iface, callState);
                }
            } finally {
                free.invokeExact(program);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("filter '" + expression + "' on " + iface + ": " + t, t);
        }
    }
}
