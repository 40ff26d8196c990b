package edgebox.it;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Sends whole Ethernet frames, written by the caller byte for byte, out of one interface through an AF_PACKET raw
 * socket (libc through the foreign function API; needs CAP_NET_RAW). A test stands in for a router with it.
 */
final class PacketSender {

    private static final int AF_PACKET = 17;
    private static final int SOCK_RAW = 3;
    private static final int SOCKADDR_LL = 20;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
    private static final MethodHandle SOCKET = handle("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle IF_NAMETOINDEX = handle("if_nametoindex",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle SENDTO = handle("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private PacketSender() {
    }

    /** Sends {@code frame} (destination MAC first) out of {@code iface}; returns the bytes the kernel took. */
    static long send(String iface, byte[] frame) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int index = (int) IF_NAMETOINDEX.invokeExact(arena.allocateFrom(iface));
            if (index == 0) {
                throw new IOException("no interface " + iface);
            }
            int fd = (int) SOCKET.invokeExact(state, AF_PACKET, SOCK_RAW, 0);
            if (fd < 0) {
                throw new IOException("socket(AF_PACKET, SOCK_RAW): errno " + (int) ERRNO.get(state, 0L));
            }
            try {
                MemorySegment address = arena.allocate(SOCKADDR_LL, 4);
                address.set(JAVA_SHORT, 0, (short) AF_PACKET);
                address.set(JAVA_INT, 4, index);
                address.set(JAVA_BYTE, 11, (byte) 6);
                MemorySegment.copy(frame, 0, address, JAVA_BYTE, 12, 6);
                MemorySegment buffer = arena.allocateFrom(JAVA_BYTE, frame);
                long sent = (long) SENDTO.invokeExact(state, fd, buffer, (long) frame.length, 0, address,
                        SOCKADDR_LL);
                if (sent < 0) {
                    throw new IOException("sendto " + iface + ": errno " + (int) ERRNO.get(state, 0L));
                }
                return sent;
            } finally {
                int ignored = (int) CLOSE.invokeExact(fd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new IllegalStateException("libc has no " + name));
        boolean errno = !name.equals("close") && !name.equals("if_nametoindex");
        return errno ? LINKER.downcallHandle(symbol, descriptor, CAPTURE) : LINKER.downcallHandle(symbol, descriptor);
    }
}
