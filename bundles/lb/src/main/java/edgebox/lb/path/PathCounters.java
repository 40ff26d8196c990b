package edgebox.lb.path;

import java.util.Arrays;

/**
 * What one forwarder counted: frames and bytes forwarded per service and per backend, indexed by the slot of
 * their {@link Handles handle} so they carry over to a new table, and drops by reason. A slot that passes to a
 * new holder starts again at zero. Not thread-safe: the port's thread owns it.
 */
public final class PathCounters {

    private final long[] drops = new long[Drop.values().length];
    private int[] serviceHandleAt = new int[0];
    private long[] servicePackets = new long[0];
    private long[] serviceBytes = new long[0];
    private int[] backendHandleAt = new int[0];
    private long[] backendPackets = new long[0];
    private long[] backendBytes = new long[0];

    /** Makes room for the slots of {@code next} and zeroes those that changed holder; off the per-frame path. */
    void adopt(ForwardingTable next) {
        serviceHandleAt = grow(serviceHandleAt, next.serviceSlots());
        servicePackets = grow(servicePackets, next.serviceSlots());
        serviceBytes = grow(serviceBytes, next.serviceSlots());
        for (int s = 0; s < next.services(); s++) {
            int handle = next.serviceHandle(s);
            int slot = Handles.slot(handle);
            if (serviceHandleAt[slot] != handle) {
                serviceHandleAt[slot] = handle;
                servicePackets[slot] = 0;
                serviceBytes[slot] = 0;
            }
        }
        backendHandleAt = grow(backendHandleAt, next.backendSlots());
        backendPackets = grow(backendPackets, next.backendSlots());
        backendBytes = grow(backendBytes, next.backendSlots());
        for (int p = 0; p < next.backends(); p++) {
            int handle = next.backendHandle(p);
            int slot = Handles.slot(handle);
            if (backendHandleAt[slot] != handle) {
                backendHandleAt[slot] = handle;
                backendPackets[slot] = 0;
                backendBytes[slot] = 0;
            }
        }
    }

    private static int[] grow(int[] a, int size) {
        return a.length >= size ? a : Arrays.copyOf(a, size);
    }

    private static long[] grow(long[] a, int size) {
        return a.length >= size ? a : Arrays.copyOf(a, size);
    }

    void forwarded(int serviceHandle, int backendHandle, int bytes) {
        int s = Handles.slot(serviceHandle);
        servicePackets[s]++;
        serviceBytes[s] += bytes;
        int b = Handles.slot(backendHandle);
        backendPackets[b]++;
        backendBytes[b] += bytes;
    }

    /** Counts a drop; returns false, so a caller can return it as its own result. */
    boolean drop(Drop reason) {
        drops[reason.ordinal()]++;
        return false;
    }

    public long drops(Drop reason) {
        return drops[reason.ordinal()];
    }

    public long servicePackets(int serviceHandle) {
        return servicePackets[Handles.slot(serviceHandle)];
    }

    public long serviceBytes(int serviceHandle) {
        return serviceBytes[Handles.slot(serviceHandle)];
    }

    public long backendPackets(int backendHandle) {
        return backendPackets[Handles.slot(backendHandle)];
    }

    public long backendBytes(int backendHandle) {
        return backendBytes[Handles.slot(backendHandle)];
    }
}
