package edgebox.lb.io.tpacket;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library calls a packet socket needs, as downcalls that capture errno into a caller-owned segment, so a
 * call allocates nothing and a failure can say why.
 */
final class Libc {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = withErrno("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle BIND = withErrno("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle SETSOCKOPT =
            withErrno("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle GETSOCKOPT =
            withErrno("getsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle MMAP =
            withErrno("mmap", ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG);
    private static final MethodHandle MUNMAP = withErrno("munmap", JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MethodHandle POLL = withErrno("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle SENDTO =
            withErrno("sendto", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle CLOSE = withErrno("close", JAVA_INT, JAVA_INT);
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ENOBUFS = 105;
    static final int ENOPROTOOPT = 92;

    private Libc() {
    }

    private static MethodHandle withErrno(String name, MemoryLayout result, MemoryLayout... arguments) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name),
                FunctionDescriptor.of(result, arguments), Linker.Option.captureCallState("errno"));
    }

    /** A segment the calls write errno into; one per port, used by one thread at a time. */
    static MemorySegment callState(SegmentAllocator allocator) {
        return allocator.allocate(CALL_STATE);
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** {@code "CALL on IFACE: REASON (errno N)"} as an exception, for a call that returned -1. */
    static IOException failure(String call, String iface, MemorySegment state) {
        int errno = errno(state);
        return new IOException(call + " on " + iface + ": " + describe(errno) + " (errno " + errno + ")");
    }

    static String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "error " + errno;
        }
    }

    static int socket(MemorySegment state, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(state, domain, type, protocol);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int bind(MemorySegment state, int fd, MemorySegment address, int length) {
        try {
            return (int) BIND.invokeExact(state, fd, address, length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int setsockopt(MemorySegment state, int fd, int level, int option, MemorySegment value, int length) {
        try {
            return (int) SETSOCKOPT.invokeExact(state, fd, level, option, value, length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int getsockopt(MemorySegment state, int fd, int level, int option, MemorySegment value,
            MemorySegment length) {
        try {
            return (int) GETSOCKOPT.invokeExact(state, fd, level, option, value, length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static MemorySegment mmap(MemorySegment state, long length, int protection, int flags, int fd) {
        try {
            return (MemorySegment) MMAP.invokeExact(state, MemorySegment.NULL, length, protection, flags, fd, 0L);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int munmap(MemorySegment state, MemorySegment address, long length) {
        try {
            return (int) MUNMAP.invokeExact(state, address, length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int poll(MemorySegment state, MemorySegment pollFds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(state, pollFds, count, timeoutMillis);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code sendto(fd, NULL, 0, flags, NULL, 0)}: asks the kernel to send what the TX ring holds. */
    static long kick(MemorySegment state, int fd, int flags) {
        try {
            return (long) SENDTO.invokeExact(state, fd, MemorySegment.NULL, 0L, flags, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int close(MemorySegment state, int fd) {
        try {
            return (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
