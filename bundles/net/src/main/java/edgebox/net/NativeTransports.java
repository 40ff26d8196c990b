package edgebox.net;

import java.util.Optional;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;

/**
 * Asks netty whether io_uring and epoll work here. Their classes come from optional imports: a missing bundle or
 * native fragment shows up as a linkage error, reported as the reason.
 */
final class NativeTransports {

    private NativeTransports() {
    }

    static Optional<String> unavailability(TransportKind kind) {
        try {
            return switch (kind) {
                case IO_URING -> IoUring.isAvailable() ? Optional.empty() : Optional.of(cause(IoUring.unavailabilityCause()));
                case EPOLL -> Epoll.isAvailable() ? Optional.empty() : Optional.of(cause(Epoll.unavailabilityCause()));
                case NIO -> Optional.empty();
            };
        } catch (LinkageError e) {
            return Optional.of("classes not present (" + e + ")");
        }
    }

    private static String cause(Throwable t) {
        if (t == null) {
            return "no reason given";
        }
        Throwable root = t;
        for (int i = 0; i < 8 && root.getCause() != null; i++) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t) : t + " <- " + root;
    }
}
