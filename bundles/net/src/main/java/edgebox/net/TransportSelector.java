package edgebox.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Picks the transport: the one asked for, or the best available one. A transport asked for but unavailable falls
 * back to the next one down the list rather than leaving the box without sockets; the reasons say why. NIO is
 * always available.
 */
final class TransportSelector {

    /** What was chosen, and for each better transport passed over, why. */
    record Selection(TransportKind kind, List<String> passedOver) {
        Selection {
            passedOver = List.copyOf(passedOver);
        }

        /** One line for the log: {@code io_uring} or {@code epoll (io_uring unavailable: ...)}. */
        String describe() {
            return passedOver.isEmpty() ? kind.label() : kind.label() + " (" + String.join("; ", passedOver) + ")";
        }
    }

    private final Function<TransportKind, Optional<String>> unavailability;

    /**
     * @param unavailability for a transport, why it cannot be used here, or empty when it can
     */
    TransportSelector(Function<TransportKind, Optional<String>> unavailability) {
        this.unavailability = unavailability;
    }

    /** @param requested the transport asked for, {@code null} for the best available */
    Selection select(TransportKind requested) {
        List<String> passedOver = new ArrayList<>();
        TransportKind[] order = TransportKind.values();
        int start = requested == null ? 0 : requested.ordinal();
        for (int i = start; i < order.length; i++) {
            TransportKind kind = order[i];
            if (kind == TransportKind.NIO) {
                return new Selection(kind, passedOver);
            }
            Optional<String> why = unavailability.apply(kind);
            if (why.isEmpty()) {
                return new Selection(kind, passedOver);
            }
            passedOver.add(kind.label() + (kind == requested ? " requested but" : "") + " unavailable: " + why.get());
        }
        throw new IllegalStateException("unreachable: NIO ends the list");
    }
}
