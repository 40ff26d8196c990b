package edgebox.policy.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Addresses held as numbers on the data path, made objects again for the verdict log. */
final class Addresses {

    private Addresses() {
    }

    static InetAddress v4(int address) {
        return of(ByteBuffer.allocate(4).putInt(address).array());
    }

    static InetAddress v6(long high, long low) {
        return of(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
    }

    private static InetAddress of(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException(impossible);
        }
    }

    static String protocol(int protocol) {
        return switch (protocol) {
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 132 -> "SCTP";
            default -> "protocol " + protocol;
        };
    }
}
