package edgebox.policy.engine;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import edgebox.api.net.Cidr;

/**
 * Every address on the box's interfaces: where its own services (DNS, console, metrics, proxy listeners) answer,
 * so the {@code host} entity; with the wildcard addresses, which a service bound to all of them names as its own.
 * Read again every few seconds, since the L2 announcer adds VIPs after a compilation.
 */
public final class HostAddresses {

    private static final InetAddress WILDCARD4 = Cidr.address("0.0.0.0");
    private static final InetAddress WILDCARD6 = Cidr.address("::");

    private HostAddresses() {
    }

    public static Set<InetAddress> now() {
        try {
            return Stream.concat(NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses),
                    Stream.of(WILDCARD4, WILDCARD6)).map(HostAddresses::withoutScope)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (SocketException e) {
            return Set.of(WILDCARD4, WILDCARD6);
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
