package edgebox.policy.console;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

import edgebox.api.net.Cidr;

/**
 * {@code policy:trace}'s arguments, read: {@code --src IP --dst SERVICE|IP --port PORT[/TCP|/UDP] [--http METHOD
 * PATH]}, a Service written {@code namespace/name}. A wrong one is refused with what was expected.
 */
record TraceQuestion(InetAddress source, String destination, int port, int protocol, String method, String path) {

    static final String USAGE = "usage: policy:trace --src IP --dst NAMESPACE/SERVICE|IP --port PORT[/TCP|/UDP]"
            + " [--http METHOD PATH]";

    static TraceQuestion parse(List<String> args) {
        InetAddress source = null;
        String destination = null;
        int port = -1;
        int protocol = 6;
        String method = null;
        String path = null;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "--src" -> source = address(value(args, ++i, option), "--src");
                case "--dst" -> destination = value(args, ++i, option);
                case "--port" -> {
                    String[] p = value(args, ++i, option).split("/", 2);
                    port = number(p[0]);
                    protocol = p.length == 1 ? 6 : protocol(p[1]);
                }
                case "--http" -> {
                    method = value(args, ++i, option).toUpperCase(Locale.ROOT);
                    path = value(args, ++i, option);
                    if (!path.startsWith("/")) {
                        throw new IllegalArgumentException("--http: the path must start with /, got " + path);
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + option + "; " + USAGE);
            }
        }
        if (source == null || destination == null || port < 0) {
            throw new IllegalArgumentException("--src, --dst and --port are needed; " + USAGE);
        }
        if (method != null && protocol != 6) {
            throw new IllegalArgumentException("--http asks about a TCP port, not " + protocolName(protocol));
        }
        return new TraceQuestion(source, destination, port, protocol, method, path);
    }

    /** Whether {@code --dst} names a Service rather than an address. */
    boolean service() {
        return destination.contains("/");
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value; " + USAGE);
        }
        return args.get(i);
    }

    static InetAddress address(String text, String option) {
        try {
            return Cidr.address(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": not an IP address: " + text);
        }
    }

    private static int number(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--port: a port is 1-65535, got " + text);
    }

    private static int protocol(String text) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "TCP" -> 6;
            case "UDP" -> 17;
            case "SCTP" -> 132;
            default -> throw new IllegalArgumentException("--port: the protocol is TCP, UDP or SCTP, got " + text);
        };
    }

    static String protocolName(int protocol) {
        return protocol == 6 ? "TCP" : protocol == 17 ? "UDP" : "SCTP";
    }
}
