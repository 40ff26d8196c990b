package edgebox.lb.io.pcap;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The few libpcap and libc calls of the receive and send loop, mapped directly (JNA direct mapping) with pointers
 * passed as plain {@code long}s, so neither a call nor a callback boxes or wraps its arguments. The library is the
 * one pcap4j loads ({@code org.pcap4j.core.pcapLibName}, default {@code pcap}).
 */
final class Libpcap {

    /** {@code struct pcap_pkthdr} on 64-bit Linux: a 16-byte {@code struct timeval}, then caplen and len. */
    static final int CAPLEN_OFFSET = 16;
    static final int LEN_OFFSET = 20;
    static final int PCAP_ERROR_BREAK = -2;

    static {
        if (!Platform.isLinux() || Native.LONG_SIZE != 8) {
            throw new IllegalStateException("the pcap path needs 64-bit Linux, not " + System.getProperty("os.name"));
        }
        Native.register(Libpcap.class,
                NativeLibrary.getInstance(System.getProperty("org.pcap4j.core.pcapLibName", "pcap")));
    }

    private Libpcap() {
    }

    /** libpcap's {@code pcap_handler}: {@code (u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)}. */
    interface FrameCallback extends Callback {
        void invoke(long user, long header, long bytes);
    }

    static native int pcap_dispatch(long pcap, int count, FrameCallback callback, long user);

    static native int pcap_sendpacket(long pcap, long frame, int length);

    static native void pcap_breakloop(long pcap);

    static native int pcap_get_selectable_fd(long pcap);

    /** libc's {@code poll}, to wait for frames a bounded time on the non-blocking handle. */
    static final class Libc {

        static final short POLLIN = 0x1;

        static {
            Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        private Libc() {
        }

        static native int poll(long fds, long count, int timeoutMillis);
    }
}
