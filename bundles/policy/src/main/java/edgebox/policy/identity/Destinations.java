package edgebox.policy.identity;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import edgebox.api.config.ConfigProblem;
import edgebox.api.net.Cidr;
import edgebox.api.objects.Gateway;
import edgebox.api.objects.ObjectSnapshot;

/**
 * Who traffic through the box goes to, computed once per objects snapshot: every backend address (the endpoints
 * of each Service's EndpointSlices, any Service type) has the identity of its labels (see {@link BackendLabels});
 * the box's own addresses (where its served Gateways bind, the Gateways' default bind address, and any addresses
 * the caller adds, such as the DNS's listeners) are {@link Identity#HOST}; every other address is
 * {@link Identity#WORLD}. An address that is a backend keeps its backend identity even when it is also the box's
 * (a backend on loopback). Identity ids hold within this snapshot only.
 */
public final class Destinations {

    private final long version;
    private final Map<InetAddress, Identity> byAddress;
    private final List<Identity> identities;
    private final List<ConfigProblem> problems;
    private final AddressTable table;

    private Destinations(long version, Map<InetAddress, Identity> byAddress, List<Identity> identities,
            List<ConfigProblem> problems) {
        this.version = version;
        this.byAddress = byAddress;
        this.identities = identities;
        this.problems = problems;
        this.table = new AddressTable(byAddress);
    }

    public static Destinations of(ObjectSnapshot snapshot) {
        return of(snapshot, List.of());
    }

    /** {@code hostAddresses}: more addresses of the box's own services, beside its Gateways'. */
    public static Destinations of(ObjectSnapshot snapshot, Collection<InetAddress> hostAddresses) {
        BackendLabels backends = BackendLabels.of(snapshot);
        Map<Map<String, String>, Identity> interned = new HashMap<>();
        List<Identity> identities = new ArrayList<>();
        Map<InetAddress, Identity> byAddress = new LinkedHashMap<>();
        backends.labels().forEach((address, labels) -> byAddress.put(address, interned.computeIfAbsent(labels, l -> {
            Identity identity = new Identity(Identity.FIRST_ALLOCATED + identities.size(), "", l);
            identities.add(identity);
            return identity;
        })));
        for (Gateway g : snapshot.gateways()) {
            if (snapshot.served(g)) {
                for (String address : snapshot.bindAddresses(g)) {
                    byAddress.putIfAbsent(Cidr.address(address), Identity.HOST);
                }
            }
        }
        byAddress.putIfAbsent(Cidr.address(snapshot.gatewaySettings().defaultAddress()), Identity.HOST);
        for (InetAddress address : hostAddresses) {
            byAddress.putIfAbsent(address, Identity.HOST);
        }
        return new Destinations(snapshot.version(), Map.copyOf(byAddress), List.copyOf(identities),
                backends.problems());
    }

    /** The identity of an IPv4 destination (its address big-endian); allocates nothing. */
    public Identity labelsOf(int v4) {
        Identity identity = table.get(v4);
        return identity != null ? identity : Identity.WORLD;
    }

    /**
     * The identity of an IPv6 destination (its first and last eight bytes, big-endian); an IPv4-mapped address
     * ({@code ::ffff:a.b.c.d}) is read as its IPv4 address. Allocates nothing.
     */
    public Identity labelsOf(long hi, long lo) {
        if (hi == 0 && lo >>> 32 == 0xffffL) {
            return labelsOf((int) lo);
        }
        Identity identity = table.get(hi, lo);
        return identity != null ? identity : Identity.WORLD;
    }

    /** The identity of a destination, for the control plane and the console (reading the address allocates). */
    public Identity labelsOf(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? labelsOf(AddressTable.ipv4(b)) : labelsOf(AddressTable.high(b), AddressTable.low(b));
    }

    /** The snapshot version these destinations were computed from. */
    public long version() {
        return version;
    }

    /** Every backend and host address with its identity. */
    public Map<InetAddress, Identity> addresses() {
        return byAddress;
    }

    /** The label-set identities of the backends, by id, lowest first; the reserved ones are not listed. */
    public List<Identity> identities() {
        return identities;
    }

    /** Conflicting labels, each naming the object, the field and the reason. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
