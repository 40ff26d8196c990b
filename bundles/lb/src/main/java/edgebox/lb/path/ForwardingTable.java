package edgebox.lb.path;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.lb.maglev.MaglevTable;
import edgebox.lb.neigh.IpAddress;
import edgebox.lb.plan.LbBackend;
import edgebox.lb.plan.LbPlan;
import edgebox.lb.plan.Protocol;
import edgebox.lb.plan.VirtualService;

/**
 * What the forwarder looks up, compiled from a plan off the data path and never changed after: virtual services by
 * VIP, port and protocol in a primitive open-addressing index (IPv4 VIPs IPv4-mapped), per service its Maglev
 * table and the map from the table's backend index to a backend position, and per backend its address, state,
 * service and {@link Handles handle}. Services and backends keep their handles across tables, so the per-slot
 * counters and the connection table's entries of the forwarders carry over. Lookups allocate nothing.
 */
public final class ForwardingTable {

    public static final int NONE = -1;
    public static final byte ACTIVE = 0;
    public static final byte DRAINING = 1;
    /** A backend in a state that takes no flows at all (failed): its flows move. */
    public static final byte DEAD = 2;

    public static final ForwardingTable EMPTY = build(LbPlan.EMPTY, new Handles("services"), new Handles("backends"));

    private final long version;
    private final int[] index;
    private final int mask;
    private final long[] vipHigh;
    private final long[] vipLow;
    private final int[] portProtocol;
    private final VirtualService[] services;
    private final int[] serviceHandle;
    private final int[][] pickToBackend;
    private final int[] firstBackend;
    private final int[] backendHandle;
    private final int[] serviceOf;
    private final byte[] state;
    private final long[] backendHigh;
    private final long[] backendLow;
    private final LbBackend[] backends;
    private final int[] tableSlots;
    private final int[] positionOfSlot;
    private final int serviceSlots;

    private ForwardingTable(long version, List<VirtualService> list, Handles serviceHandles, Handles backendHandles) {
        this.version = version;
        int n = list.size();
        services = list.toArray(VirtualService[]::new);
        index = new int[Math.max(2, Integer.highestOneBit(Math.max(1, n)) << 2)];
        mask = index.length - 1;
        vipHigh = new long[n];
        vipLow = new long[n];
        portProtocol = new int[n];
        serviceHandle = new int[n];
        pickToBackend = new int[n][];
        firstBackend = new int[n + 1];
        int total = list.stream().mapToInt(s -> s.backends().size()).sum();
        backendHandle = new int[total];
        serviceOf = new int[total];
        state = new byte[total];
        backendHigh = new long[total];
        backendLow = new long[total];
        backends = new LbBackend[total];
        tableSlots = new int[total];
        int p = 0;
        for (int s = 0; s < n; s++) {
            VirtualService vs = services[s];
            vipHigh[s] = IpAddress.high(vs.key().address());
            vipLow[s] = IpAddress.low(vs.key().address());
            portProtocol[s] = portProtocol(vs.key().port(), vs.key().protocol() == Protocol.TCP ? 6 : 17);
            serviceHandle[s] = serviceHandles.handle(vs.key().toString());
            addToIndex(s);
            firstBackend[s] = p;
            pickToBackend[s] = new int[vs.active().size()];
            Map<String, Integer> activeIndex = new HashMap<>();
            for (int i = 0; i < vs.active().size(); i++) {
                activeIndex.put(vs.active().get(i).id(), i);
            }
            for (LbBackend b : vs.backends()) {
                backendHandle[p] = backendHandles.handle(backendKey(vs, b));
                serviceOf[p] = s;
                state[p] = switch (b.state()) {
                    case ACTIVE -> ACTIVE;
                    case DRAINING -> DRAINING;
                    default -> DEAD;
                };
                backendHigh[p] = IpAddress.high(b.address());
                backendLow[p] = IpAddress.low(b.address());
                backends[p] = b;
                Integer active = activeIndex.get(b.id());
                if (active != null) {
                    pickToBackend[s][active] = p;
                }
                p++;
            }
            MaglevTable table = vs.table();
            for (int slot = 0; slot < table.size(); slot++) {
                int picked = table.slot(slot);
                if (picked != MaglevTable.NO_BACKEND) {
                    tableSlots[pickToBackend[s][picked]]++;
                }
            }
        }
        firstBackend[n] = p;
        positionOfSlot = new int[backendHandles.slots()];
        Arrays.fill(positionOfSlot, NONE);
        for (int b = 0; b < total; b++) {
            positionOfSlot[Handles.slot(backendHandle[b])] = b;
        }
        serviceSlots = serviceHandles.slots();
    }

    /**
     * Compiles {@code plan}, numbering services and backends with {@code services} and {@code backends} (the same
     * two for every table of one engine); the handles of what the plan no longer holds are freed.
     */
    public static ForwardingTable build(LbPlan plan, Handles services, Handles backends) {
        ForwardingTable table = new ForwardingTable(plan.version(), plan.services(), services, backends);
        Set<String> serviceKeys = new HashSet<>();
        Set<String> backendKeys = new HashSet<>();
        for (VirtualService vs : plan.services()) {
            serviceKeys.add(vs.key().toString());
            for (LbBackend b : vs.backends()) {
                backendKeys.add(backendKey(vs, b));
            }
        }
        services.retain(serviceKeys);
        backends.retain(backendKeys);
        return table;
    }

    private static String backendKey(VirtualService vs, LbBackend b) {
        return vs.key() + " " + b.id();
    }

    private static int portProtocol(int port, int protocol) {
        return port << 8 | protocol;
    }

    private static int hash(long high, long low, int portProtocol) {
        long h = (low ^ Long.rotateLeft(high, 29) ^ (long) portProtocol << 17) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32);
    }

    private void addToIndex(int s) {
        int i = hash(vipHigh[s], vipLow[s], portProtocol[s]) & mask;
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = s + 1;
    }

    /** The service on this VIP (IPv4-mapped for IPv4), port and IP protocol number, or {@link #NONE}. */
    public int service(long high, long low, int port, int protocol) {
        int key = portProtocol(port, protocol);
        for (int i = hash(high, low, key) & mask; ; i = (i + 1) & mask) {
            int s = index[i] - 1;
            if (s == NONE || vipLow[s] == low && portProtocol[s] == key && vipHigh[s] == high) {
                return s;
            }
        }
    }

    /** The seed the service's flows are hashed with. */
    public long seed(int service) {
        return services[service].table().seed();
    }

    /** The position of the ACTIVE backend the Maglev table gives a flow hash, or {@link #NONE}. */
    public int pick(int service, long flowHash) {
        int picked = services[service].table().pick(flowHash);
        return picked == MaglevTable.NO_BACKEND ? NONE : pickToBackend[service][picked];
    }

    /** The position of the backend with this handle in this table, or {@link #NONE}. */
    public int position(int handle) {
        int slot = Handles.slot(handle);
        if (slot >= positionOfSlot.length) {
            return NONE;
        }
        int p = positionOfSlot[slot];
        return p != NONE && backendHandle[p] == handle ? p : NONE;
    }

    /** The backend with this handle is in this table, of this service, and takes its flows (ACTIVE or DRAINING). */
    public boolean keepsFlows(int handle, int service) {
        int p = position(handle);
        return p != NONE && serviceOf[p] == service && state[p] != DEAD;
    }

    public long version() {
        return version;
    }

    public int services() {
        return services.length;
    }

    public VirtualService virtualService(int service) {
        return services[service];
    }

    public int serviceHandle(int service) {
        return serviceHandle[service];
    }

    /** Backend positions of a service run from here to {@code firstBackend(service + 1)}. */
    public int firstBackend(int service) {
        return firstBackend[service];
    }

    public int backends() {
        return backends.length;
    }

    public LbBackend backend(int position) {
        return backends[position];
    }

    public int backendHandle(int position) {
        return backendHandle[position];
    }

    public int serviceOf(int position) {
        return serviceOf[position];
    }

    public byte state(int position) {
        return state[position];
    }

    public long backendHigh(int position) {
        return backendHigh[position];
    }

    public long backendLow(int position) {
        return backendLow[position];
    }

    /** How many slots of its service's Maglev table the backend holds. */
    public int tableSlots(int position) {
        return tableSlots[position];
    }

    /** Sizes of the per-slot arrays that counters indexed by service and backend handles need. */
    public int serviceSlots() {
        return serviceSlots;
    }

    public int backendSlots() {
        return positionOfSlot.length;
    }

    /** The distinct backend addresses, in table order. */
    public List<InetAddress> backendAddresses() {
        Set<InetAddress> all = new LinkedHashSet<>();
        for (LbBackend b : backends) {
            all.add(b.address());
        }
        return new ArrayList<>(all);
    }
}
