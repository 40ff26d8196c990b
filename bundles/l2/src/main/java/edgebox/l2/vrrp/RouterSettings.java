package edgebox.l2.vrrp;

import java.net.InetAddress;
import java.util.List;

import edgebox.api.net.Cidr;

/**
 * One virtual router as configured ({@code edgebox.l2.vrrp~NAME}).
 *
 * @param name           the configuration's name
 * @param interfaceName  the interface its adverts go out on and its addresses are announced on
 * @param vrid           1-255
 * @param priority       1-255 (255: the address owner)
 * @param preempt        whether a higher priority takes over from a lower master
 * @param intervalCentis the advertisement interval, 1-4095 centiseconds
 * @param addresses      the single addresses it owns; one family
 * @param claims         CIDR blocks: VIPs of other sources inside them follow this router
 */
public record RouterSettings(String name, String interfaceName, int vrid, int priority, boolean preempt,
        int intervalCentis, List<InetAddress> addresses, List<Cidr> claims) {

    public RouterSettings {
        addresses = List.copyOf(addresses);
        claims = List.copyOf(claims);
    }

    public boolean ipv4() {
        if (!addresses.isEmpty()) {
            return addresses.get(0) instanceof java.net.Inet4Address;
        }
        return claims.isEmpty() || claims.get(0).ipv4();
    }

    /** Whether this router governs {@code address}: listed, or inside a claimed block. */
    public boolean covers(InetAddress address) {
        return addresses.contains(address) || claims.stream().anyMatch(c -> c.contains(address));
    }
}
