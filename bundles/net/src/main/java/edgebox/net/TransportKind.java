package edgebox.net;

import java.util.Locale;

/** The netty transports the box can run on, best first. */
enum TransportKind {
    IO_URING("io_uring"),
    EPOLL("epoll"),
    NIO("nio");

    private final String label;

    TransportKind(String label) {
        this.label = label;
    }

    /** The name {@code Transport.name()} reports and the {@code transport} property accepts. */
    String label() {
        return label;
    }

    /**
     * The transport the {@code transport} property asks for; {@code null} for {@code auto}.
     *
     * @throws IllegalArgumentException naming the PID, the property and the accepted values
     */
    static TransportKind parse(String value) {
        String v = value == null ? "auto" : value.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty() || v.equals("auto")) {
            return null;
        }
        for (TransportKind kind : values()) {
            if (kind.label.equals(v) || kind.name().toLowerCase(Locale.ROOT).equals(v)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("edgebox.net: transport: \"" + value
                + "\" is not one of auto, io_uring, epoll, nio");
    }
}
