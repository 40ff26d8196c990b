package edgebox.lb.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import edgebox.api.packet.PacketPath;
import edgebox.api.packet.PacketPort;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.lb.maglev.ConnectionTable;
import edgebox.lb.neigh.IpAddress;
import edgebox.lb.neigh.NeighbourCache;
import edgebox.lb.neigh.NeighbourResolver;
import edgebox.lb.neigh.PortAddress;
import edgebox.lb.path.Drop;
import edgebox.lb.path.Forwarder;
import edgebox.lb.path.ForwardingTable;
import edgebox.lb.path.Handles;
import edgebox.lb.plan.LbPlan;
import edgebox.lb.plan.VipKey;
import edgebox.lb.plan.VirtualService;

/**
 * The load balancer's engine, the component's only entry: opens a port and starts a {@link PortLoop} thread per
 * interface, compiles each plan into a {@link ForwardingTable} that every port swaps in with a filter for the
 * plan's VIPs, and reports what the ports did. Every port puts its new flows to the same policy decision point.
 * Methods may come from any thread; they are serialised.
 */
public final class LbEngine implements AutoCloseable {

    /** A filter no frame matches, for a plan without services. */
    static final String MATCH_NOTHING = "less 1";
    static final long ANSWER_WAIT_MILLIS = 1000;
    static final long STOP_WAIT_MILLIS = 2000;

    private record Port(PacketPort port, PortLoop loop, Thread thread) {
    }

    private final PacketPath path;
    private final EngineSettings settings;
    private final InterfaceAddresses addresses;
    private final Supplier<PolicyDecisionPoint> policy;
    private final LongSupplier clock = System::nanoTime;
    private final Handles serviceHandles = new Handles("load balancer services");
    private final Handles backendHandles = new Handles("load balancer backends");
    private final Map<String, Port> ports = new LinkedHashMap<>();
    private final Map<String, String> openErrors = new LinkedHashMap<>();
    private LbPlan plan = LbPlan.EMPTY;
    private ForwardingTable table = ForwardingTable.EMPTY;
    private String filter = MATCH_NOTHING;
    private long rebuilds;

    /**
     * An engine whose ports put every new flow to the policy decision point {@code policy} gives (null: none is
     * registered, every flow is admitted).
     */
    public LbEngine(PacketPath path, EngineSettings settings, Supplier<PolicyDecisionPoint> policy) {
        this(path, settings, InterfaceAddresses.SYSTEM, policy);
    }

    public LbEngine(PacketPath path, EngineSettings settings, InterfaceAddresses addresses,
            Supplier<PolicyDecisionPoint> policy) {
        this.path = path;
        this.settings = settings;
        this.addresses = addresses;
        this.policy = policy;
    }

    /**
     * Runs a port on each of {@code names} and on no other interface. An interface that cannot be opened is
     * reported in {@link #status} (and tried again on the next call); the others run.
     */
    public synchronized void interfaces(List<String> names) {
        Set<String> wanted = new LinkedHashSet<>(names);
        for (String name : List.copyOf(ports.keySet())) {
            if (!wanted.contains(name)) {
                stop(ports.remove(name));
            }
        }
        openErrors.keySet().retainAll(wanted);
        for (String name : wanted) {
            if (!ports.containsKey(name)) {
                try {
                    ports.put(name, open(name));
                    openErrors.remove(name);
                } catch (IOException | RuntimeException e) {
                    openErrors.put(name, e.getMessage() == null ? e.toString() : e.getMessage());
                }
            }
        }
    }

    private Port open(String name) throws IOException {
        List<PortAddress> own = addresses.of(name);
        PacketPort port = path.open(name, filter, settings.portOptions());
        try {
            NeighbourResolver resolver = new NeighbourResolver(port, own, settings.neighbours());
            Forwarder forwarder = new Forwarder(port,
                    new ConnectionTable(settings.connectionCapacity(), settings.timeouts()), resolver, clock,
                    settings.router4(), settings.router6(),
                    tunnelSource(own, resolver, settings.router4(), false),
                    tunnelSource(own, resolver, settings.router6(), true), policy);
            PortLoop loop = new PortLoop(port, forwarder, clock);
            loop.install(table, filter);
            Thread thread = Thread.ofPlatform().name("lb-port-" + name).daemon().start(loop);
            return new Port(port, loop, thread);
        } catch (RuntimeException e) {
            port.close();
            throw e;
        }
    }

    /** The box's address IPIP packets leave from: the one on the router's subnet, else the family's first. */
    private static InetAddress tunnelSource(List<PortAddress> own, NeighbourResolver resolver, InetAddress router,
            boolean v6) {
        if (router != null) {
            int i = resolver.source(router);
            if (i != NeighbourCache.NONE) {
                return own.get(i).address();
            }
        }
        return own.stream().filter(a -> a.v4() != v6 && !a.linkLocal()).map(PortAddress::address).findFirst()
                .orElse(null);
    }

    /** Compiles {@code next} and swaps it, with a filter for its VIPs, on every port. */
    public synchronized void update(LbPlan next) {
        table = ForwardingTable.build(next, serviceHandles, backendHandles);
        plan = next;
        filter = filterFor(next);
        rebuilds++;
        for (Port p : ports.values()) {
            p.loop().install(table, filter);
        }
    }

    /**
     * The port filter for a plan: frames to its VIPs, ARP, and ICMPv6 neighbour advertisements; a filter that
     * matches nothing for a plan without services.
     */
    static String filterFor(LbPlan plan) {
        Set<String> hosts = new LinkedHashSet<>();
        for (VirtualService vs : plan.services()) {
            String host = vs.key().address().getHostAddress();
            int scope = host.indexOf('%');
            hosts.add("dst host " + (scope >= 0 ? host.substring(0, scope) : host));
        }
        if (hosts.isEmpty()) {
            return MATCH_NOTHING;
        }
        return String.join(" or ", hosts) + " or arp or (icmp6 and ip6[40] == 136)";
    }

    /** What the ports did, summed; the ports' threads are asked at once and waited for at most a second. */
    public EngineStatus status() {
        ForwardingTable current;
        long version;
        long rebuilt;
        Map<String, Port> open;
        Map<String, String> failed;
        synchronized (this) {
            current = table;
            version = plan.version();
            rebuilt = rebuilds;
            open = new LinkedHashMap<>(ports);
            failed = new LinkedHashMap<>(openErrors);
        }
        long now = clock.getAsLong();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANSWER_WAIT_MILLIS);
        Map<String, CompletableFuture<PortReport>> asked = new LinkedHashMap<>();
        open.forEach((name, p) -> asked.put(name, p.loop().ask(f -> PortReport.of(f, now))));
        List<PortReport> reports = new ArrayList<>();
        List<EngineStatus.PortStatus> portStatus = new ArrayList<>();
        for (Map.Entry<String, Port> e : open.entrySet()) {
            Port p = e.getValue();
            PortReport r = PortLoop.answer(asked.get(e.getKey()), deadline);
            if (r != null) {
                reports.add(r);
            }
            portStatus.add(new EngineStatus.PortStatus(e.getKey(), p.port().stats(),
                    r == null ? 0 : r.connections(), r == null ? 0 : r.evictions(), r == null ? 0 : r.expirations(),
                    r == null ? 0 : r.questions(), r == null ? 0 : r.giveUps(), p.loop().errors(),
                    p.loop().lastError(), r != null));
        }
        failed.forEach((name, error) -> portStatus.add(
                new EngineStatus.PortStatus(name, null, 0, 0, 0, 0, 0, 1, error, false)));
        return new EngineStatus(version, rebuilt, StatusSums.services(current, reports),
                drops(reports), portStatus);
    }

    private static Map<Drop, Long> drops(List<PortReport> reports) {
        Map<Drop, Long> drops = new EnumMap<>(Drop.class);
        for (Drop d : Drop.values()) {
            long sum = 0;
            for (PortReport r : reports) {
                sum += r.drops()[d.ordinal()];
            }
            drops.put(d, sum);
        }
        return drops;
    }

    /**
     * Up to {@code limit} flows the ports' connection tables hold (newest first per port), of one virtual service
     * or of all ({@code filterOrNull} null); each port's thread is waited for at most a second.
     */
    public List<FlowSample> flows(VipKey filterOrNull, int limit) {
        List<Map.Entry<String, Port>> open;
        synchronized (this) {
            open = List.copyOf(ports.entrySet());
        }
        long now = clock.getAsLong();
        List<FlowSample> samples = new ArrayList<>();
        for (Map.Entry<String, Port> e : open) {
            int room = limit - samples.size();
            if (room <= 0) {
                break;
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANSWER_WAIT_MILLIS);
            List<FlowSample> some = PortLoop.answer(
                    e.getValue().loop().ask(f -> sample(e.getKey(), f, filterOrNull, room, now)), deadline);
            if (some != null) {
                samples.addAll(some);
            }
        }
        return samples;
    }

    private static List<FlowSample> sample(String name, Forwarder f, VipKey filter, int limit, long now) {
        ForwardingTable t = f.table();
        List<FlowSample> out = new ArrayList<>();
        ConnectionTable connections = f.connections();
        connections.visit(connections.size(), now, (sh, sl, dh, dl, sp, dp, proto, handle, left) -> {
            int p = t.position(handle);
            if (out.size() >= limit || p == ForwardingTable.NONE) {
                return;
            }
            VirtualService vs = t.virtualService(t.serviceOf(p));
            if (filter != null && !filter.equals(vs.key())) {
                return;
            }
            out.add(new FlowSample(name, vs.key(), IpAddress.of(sh, sl), sp, t.backend(p).id(),
                    TimeUnit.NANOSECONDS.toSeconds(left)));
        });
        return out;
    }

    /** Stops every port's thread and closes its port. */
    @Override
    public synchronized void close() {
        for (Port p : ports.values()) {
            stop(p);
        }
        ports.clear();
    }

    private static void stop(Port p) {
        p.loop().stop();
        try {
            p.thread().join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.port().close();
    }
}
