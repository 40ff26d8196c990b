package edgebox.policy.engine;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every address on the box's interfaces: where its own services (DNS, console, metrics, proxy listeners) answer,
 * so the {@code host} entity. Read again every few seconds, since the L2 announcer adds VIPs after a compilation.
 */
public final class HostAddresses {

    private HostAddresses() {
    }

    public static Set<InetAddress> now() {
        try {
            return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                    .map(HostAddresses::withoutScope).collect(Collectors.toUnmodifiableSet());
        } catch (SocketException e) {
            return Set.of();
        }
    }

    private static InetAddress withoutScope(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (java.net.UnknownHostException impossible) {
            return a;
        }
    }
}
