package edgebox.l2.run;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import edgebox.api.net.Cidr;
import edgebox.l2.host.HostIntegration;
import edgebox.l2.plan.Announcement;
import edgebox.l2.plan.L2Plan;
import edgebox.l2.plan.L2Settings;
import edgebox.l2.vrrp.Scheduler;
import edgebox.l2.wire.Inbound;
import edgebox.l2.wire.Port;

/**
 * Runs a {@link L2Plan}: opens a port on each interface in use, runs the virtual routers, and keeps the set of owned
 * VIPs (unconditional ones, and those of routers that are master) that the ports' reading threads answer for. A VIP
 * that becomes owned is announced at once (gratuitous ARP, unsolicited NA) and put on lo; one that is lost is
 * dropped from the answers first. Every change of state happens on the one {@code executor} thread.
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = System.getLogger("edgebox.l2");

    private final ScheduledExecutorService executor;
    private final Port.Opener opener;
    private final Supplier<List<Nic>> nics;
    private final HostIntegration host;
    private final Observer observer;
    private final Scheduler scheduler;

    private L2Settings settings;
    private volatile L2Plan plan = L2Plan.EMPTY;
    private final Map<String, Port> ports = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> portProblems = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Nic> nicByName = new HashMap<>();
    private final Map<InetAddress, Long> since = new HashMap<>();
    private final Routers routers;
    private final Responder responder;
    private final Announcer announcer;
    private Set<InetAddress> ownedBefore = Set.of();

    private volatile List<VipStatus> vipStatus = List.of();

    public Engine(ScheduledExecutorService executor, Port.Opener opener, Supplier<List<Nic>> nics,
            HostIntegration host, L2Settings settings, Observer observer) {
        this.executor = executor;
        this.opener = opener;
        this.nics = nics;
        this.host = host;
        this.settings = settings;
        this.observer = observer;
        this.scheduler = new Scheduler() {
            @Override
            public Runnable schedule(Runnable task, long millis) {
                var f = executor.schedule(task, millis, TimeUnit.MILLISECONDS);
                return () -> f.cancel(false);
            }

            @Override
            public long nowMillis() {
                return System.currentTimeMillis();
            }
        };
        this.routers = new Routers(scheduler, ports, () -> plan, observer, this::updateOwnership);
        this.responder = new Responder(ports, observer);
        this.announcer = new Announcer(executor, ports, responder::owned, observer, settings);
        executor.scheduleWithFixedDelay(this::rescan, 5, 5, TimeUnit.SECONDS);
    }

    /** Applies a new plan, or the same plan under new settings. */
    public void apply(L2Settings newSettings, L2Plan newPlan) {
        executor.execute(() -> {
            settings = newSettings;
            plan = newPlan;
            announcer.settings(newSettings);
            reconcile();
        });
    }

    public List<VipStatus> vips() {
        return vipStatus;
    }

    public List<RouterStatus> routers() {
        return routers.status();
    }

    public List<String> problems() {
        List<String> all = new ArrayList<>(plan.problems());
        portProblems.forEach((name, why) -> all.add(name + ": " + why));
        routers.status().stream().filter(r -> r.problem() != null).forEach(r -> all.add("vrrp " + r.name() + ": "
                + r.problem()));
        all.addAll(host.errors());
        return all;
    }

    private void rescan() {
        try {
            Map<String, Nic> now = new HashMap<>();
            nics.get().forEach(n -> now.put(n.name(), n));
            if (!now.equals(nicByName)) {
                reconcile();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "l2: interface scan failed: " + e.getMessage());
        }
    }

    /** Brings ports, routers and ownership in line with the plan and the interfaces present. */
    private void reconcile() {
        nicByName.clear();
        nics.get().forEach(n -> nicByName.put(n.name(), n));
        Set<String> wanted = new HashSet<>();
        for (Announcement a : plan.announcements()) {
            wanted.addAll(matching(a.interfaces()));
        }
        plan.routers().forEach(r -> {
            if (nicByName.containsKey(r.interfaceName())) {
                wanted.add(r.interfaceName());
            }
        });
        for (String name : List.copyOf(ports.keySet())) {
            if (!wanted.contains(name)) {
                ports.remove(name).close();
            }
        }
        portProblems.keySet().retainAll(wanted);
        for (String name : wanted) {
            if (!ports.containsKey(name)) {
                open(nicByName.get(name));
            }
        }
        routers.reconcile(plan.routers(), nicByName);
        updateOwnership("plan " + plan.version());
    }

    private void open(Nic nic) {
        try {
            ports.put(nic.name(), opener.open(nic.name(), nic.mac(), in -> inbound(nic.name(), in)));
            portProblems.remove(nic.name());
            if (settings.hostIntegration()) {
                host.prepareInterface(nic.name());
            }
            LOG.log(Level.INFO, "l2: listening on " + nic.name());
        } catch (Exception e) {
            String why = "cannot capture frames (" + e.getMessage() + "); needs root or CAP_NET_RAW and libpcap";
            if (!why.equals(portProblems.put(nic.name(), why))) {
                LOG.log(Level.ERROR, "l2: " + nic.name() + ": " + why);
            }
        }
    }

    /** Recomputes the owned VIPs; announces the new ones, withdraws the lost ones. */
    private void updateOwnership(String why) {
        Map<String, Set<InetAddress>> next = new HashMap<>();
        Set<InetAddress> nowOwned = new HashSet<>();
        Set<InetAddress> forwarded = new HashSet<>();
        List<VipStatus> status = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Announcement a : plan.announcements()) {
            List<String> on = matching(a.interfaces()).stream().filter(ports::containsKey).sorted().toList();
            String state;
            String routerState = a.router() == null ? null : routers.state(a.router());
            if (a.interfaces() == null) {
                state = "no interface";
            } else if (on.isEmpty()) {
                state = "no interface matches " + a.interfaces();
            } else if (a.router() == null) {
                state = "owned";
            } else if (routerState == null) {
                state = "router down";
            } else {
                state = routerState;
            }
            boolean owns = state.equals("owned") || state.equals("master");
            if (owns) {
                nowOwned.add(a.address());
                if (!a.served()) {
                    forwarded.add(a.address());
                }
                on.forEach(i -> next.computeIfAbsent(i, k -> new HashSet<>()).add(a.address()));
            }
            if (owns != ownedBefore.contains(a.address()) || !since.containsKey(a.address())) {
                since.put(a.address(), now);
            }
            status.add(new VipStatus(a.address(), on, a.router(), state, since.get(a.address()),
                    announcer.lastMillis(a.address()), a.sources()));
        }
        Map<String, Set<InetAddress>> frozen = new HashMap<>();
        next.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        responder.owned(frozen);
        for (InetAddress lost : ownedBefore) {
            if (!nowOwned.contains(lost)) {
                LOG.log(Level.INFO, "l2: " + Cidr.text(lost) + " released (" + why + ")");
                if (settings.hostIntegration()) {
                    host.release(lost);
                }
            }
        }
        Set<InetAddress> gained = new HashSet<>(nowOwned);
        gained.removeAll(ownedBefore);
        ownedBefore = Set.copyOf(nowOwned);
        vipStatus = List.copyOf(status);
        if (!gained.isEmpty()) {
            LOG.log(Level.INFO, "l2: taking " + gained.stream().map(Cidr::text).sorted().toList()
                    + " (" + why + ")");
            announcer.taken(gained);
            if (settings.hostIntegration()) {
                gained.stream().filter(a -> !forwarded.contains(a)).forEach(host::own);
            }
        }
    }

    /** A frame from a port's reading thread: ARP and NDP are answered here, VRRP goes to the executor. */
    private void inbound(String iface, Inbound in) {
        if (in instanceof Inbound.Vrrp v) {
            executor.execute(() -> routers.received(iface, v));
        } else {
            responder.answer(iface, in);
        }
    }

    /** The present interfaces whose whole name matches {@code regex}. */
    private List<String> matching(String regex) {
        if (regex == null) {
            return List.of();
        }
        Pattern p = Pattern.compile(regex);
        return nicByName.keySet().stream().filter(n -> p.matcher(n).matches()).toList();
    }

    /** Resigns every master (priority 0), closes the ports and undoes the host changes. */
    @Override
    public void close() {
        try {
            executor.submit(() -> {
                routers.shutdown();
                responder.owned(Map.of());
                announcer.close();
            }).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "l2: stopping the routers failed: " + e);
        }
        executor.shutdownNow();
        ports.values().forEach(Port::close);
        ports.clear();
        host.close();
    }
}
