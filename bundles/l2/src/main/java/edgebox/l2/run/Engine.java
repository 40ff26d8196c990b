package edgebox.l2.run;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import edgebox.l2.host.HostIntegration;
import edgebox.l2.plan.Announcement;
import edgebox.l2.plan.L2Plan;
import edgebox.l2.plan.L2Settings;
import edgebox.l2.vrrp.Advert;
import edgebox.l2.vrrp.RouterSettings;
import edgebox.l2.vrrp.Scheduler;
import edgebox.l2.vrrp.VirtualRouter;
import edgebox.l2.wire.Frames;
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
    private L2Plan plan = L2Plan.EMPTY;
    private final Map<String, Port> ports = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> portProblems = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Nic> nicByName = new HashMap<>();
    private final Map<String, Running> routers = new LinkedHashMap<>();
    private final Map<InetAddress, Long> since = new HashMap<>();
    private final Map<InetAddress, Long> lastGarp = new HashMap<>();
    private Set<InetAddress> ownedBefore = Set.of();
    private Runnable refresh;

    /** Read by the ports' threads: interface to the VIPs answered there. */
    private volatile Map<String, Set<InetAddress>> owned = Map.of();
    private volatile List<VipStatus> vipStatus = List.of();
    private volatile List<RouterStatus> routerStatus = List.of();

    private final class Running {
        final RouterSettings settings;
        final Nic nic;
        final InetAddress primary;
        final VirtualRouter router;
        String problem;

        Running(RouterSettings settings, Nic nic, InetAddress primary) {
            this.settings = settings;
            this.nic = nic;
            this.primary = primary;
            this.router = primary == null ? null : new VirtualRouter(settings, primary, scheduler, actions(this));
        }
    }

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
        executor.scheduleWithFixedDelay(this::rescan, 5, 5, TimeUnit.SECONDS);
    }

    /** Applies a new plan, or the same plan under new settings. */
    public void apply(L2Settings newSettings, L2Plan newPlan) {
        executor.execute(() -> {
            boolean refreshChanged = newSettings.garpRefreshSeconds() != settings.garpRefreshSeconds();
            settings = newSettings;
            plan = newPlan;
            reconcile();
            if (refreshChanged || refresh == null) {
                scheduleRefresh();
            }
        });
    }

    public List<VipStatus> vips() {
        return vipStatus;
    }

    public List<RouterStatus> routers() {
        return routerStatus;
    }

    public List<String> problems() {
        List<String> all = new ArrayList<>(plan.problems());
        portProblems.forEach((name, why) -> all.add(name + ": " + why));
        routerStatus.stream().filter(r -> r.problem() != null).forEach(r -> all.add("vrrp " + r.name() + ": "
                + r.problem()));
        all.addAll(host.errors());
        return all;
    }

    private void rescan() {
        try {
            Map<String, Nic> now = new HashMap<>();
            nics.get().forEach(n -> now.put(n.name(), n));
            if (!sameNics(now)) {
                reconcile();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "l2: interface scan failed: " + e.getMessage());
        }
    }

    private boolean sameNics(Map<String, Nic> now) {
        if (!now.keySet().equals(nicByName.keySet())) {
            return false;
        }
        for (Nic n : now.values()) {
            Nic old = nicByName.get(n.name());
            if (!java.util.Arrays.equals(old.mac(), n.mac()) || !java.util.Objects.equals(old.ipv4(), n.ipv4())
                    || !java.util.Objects.equals(old.linkLocal(), n.linkLocal())) {
                return false;
            }
        }
        return true;
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
        reconcileRouters();
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

    private void reconcileRouters() {
        Map<String, RouterSettings> wanted = new LinkedHashMap<>();
        plan.routers().forEach(r -> wanted.put(r.name(), r));
        for (String name : List.copyOf(routers.keySet())) {
            Running old = routers.get(name);
            RouterSettings next = wanted.get(name);
            Nic nic = next == null ? null : nicByName.get(next.interfaceName());
            boolean same = next != null && next.equals(old.settings) && nic != null && nic.equals(old.nic)
                    && java.util.Objects.equals(nic.primary(next.ipv4()), old.primary);
            if (!same) {
                if (old.router != null) {
                    old.router.shutdown();
                }
                routers.remove(name);
            }
        }
        for (RouterSettings r : wanted.values()) {
            if (routers.containsKey(r.name())) {
                continue;
            }
            Nic nic = nicByName.get(r.interfaceName());
            Running run = new Running(r, nic, nic == null ? null : nic.primary(r.ipv4()));
            routers.put(r.name(), run);
            if (nic == null) {
                run.problem = "interface " + r.interfaceName() + " is not present or down";
            } else if (run.primary == null) {
                run.problem = "interface " + r.interfaceName() + " has no " + (r.ipv4() ? "IPv4" : "IPv6 link-local")
                        + " address to send advertisements from";
            } else if (!ports.containsKey(r.interfaceName())) {
                run.problem = "no capture on " + r.interfaceName();
            } else {
                run.router.start();
            }
        }
    }

    private VirtualRouter.Actions actions(Running run) {
        return new VirtualRouter.Actions() {
            @Override
            public void advertise(int priority) {
                Port port = ports.get(run.settings.interfaceName());
                if (port == null) {
                    return;
                }
                List<InetAddress> addresses = plan.announcements().stream()
                        .filter(a -> run.settings.name().equals(a.router())).map(Announcement::address).toList();
                Advert advert = new Advert(run.settings.vrid(), priority, run.settings.intervalCentis(), addresses);
                port.send(Frames.vrrp(port.mac(), run.primary, advert));
            }

            @Override
            public void becameMaster(String reason) {
                LOG.log(Level.INFO, "l2: vrrp " + run.settings.name() + ": MASTER (" + reason + ")");
                observer.transition(run.settings.name(), "master");
                updateOwnership("vrrp " + run.settings.name() + " master");
            }

            @Override
            public void becameBackup(String reason) {
                LOG.log(Level.INFO, "l2: vrrp " + run.settings.name() + ": BACKUP (" + reason + ")");
                observer.transition(run.settings.name(), "backup");
                updateOwnership("vrrp " + run.settings.name() + " backup");
            }
        };
    }

    /** Recomputes the owned VIPs; announces the new ones, withdraws the lost ones. */
    private void updateOwnership(String why) {
        Map<String, Set<InetAddress>> next = new HashMap<>();
        Set<InetAddress> nowOwned = new HashSet<>();
        List<VipStatus> status = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Announcement a : plan.announcements()) {
            List<String> on = matching(a.interfaces()).stream().filter(ports::containsKey).sorted().toList();
            String state;
            Running r = a.router() == null ? null : routers.get(a.router());
            if (a.interfaces() == null) {
                state = "no interface";
            } else if (on.isEmpty()) {
                state = "no interface matches " + a.interfaces();
            } else if (a.router() == null) {
                state = "owned";
            } else if (r == null || r.router == null || r.problem != null) {
                state = "router down";
            } else {
                state = r.router.state() == VirtualRouter.State.MASTER ? "master" : "backup";
            }
            boolean owns = state.equals("owned") || state.equals("master");
            if (owns) {
                nowOwned.add(a.address());
                on.forEach(i -> next.computeIfAbsent(i, k -> new HashSet<>()).add(a.address()));
            }
            if (owns != ownedBefore.contains(a.address()) || !since.containsKey(a.address())) {
                since.put(a.address(), now);
            }
            status.add(new VipStatus(a.address(), on, a.router(), state, since.get(a.address()),
                    lastGarp.getOrDefault(a.address(), 0L), a.sources()));
        }
        Map<String, Set<InetAddress>> frozen = new HashMap<>();
        next.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        owned = Map.copyOf(frozen);
        for (InetAddress lost : ownedBefore) {
            if (!nowOwned.contains(lost)) {
                LOG.log(Level.INFO, "l2: " + lost.getHostAddress() + " released (" + why + ")");
                if (settings.hostIntegration()) {
                    host.release(lost);
                }
            }
        }
        Set<InetAddress> gained = new HashSet<>(nowOwned);
        gained.removeAll(ownedBefore);
        ownedBefore = Set.copyOf(nowOwned);
        vipStatus = List.copyOf(status);
        publishRouters();
        if (!gained.isEmpty()) {
            LOG.log(Level.INFO, "l2: taking " + gained.stream().map(InetAddress::getHostAddress).sorted().toList()
                    + " (" + why + ")");
            announce(gained, settings.garpCount());
            if (settings.hostIntegration()) {
                gained.forEach(host::own);
            }
        }
    }

    private void publishRouters() {
        List<RouterStatus> out = new ArrayList<>();
        for (Running r : routers.values()) {
            String state = r.router == null || r.problem != null ? "down"
                    : r.router.state().name().toLowerCase(java.util.Locale.ROOT);
            InetAddress master = r.router == null ? null : r.router.master();
            out.add(new RouterStatus(r.settings.name(), r.settings.vrid(), r.settings.interfaceName(), state,
                    r.settings.priority(), r.settings.intervalCentis() * 10,
                    master == null ? "" : master.getHostAddress(), r.router == null ? 0 : r.router.sinceMillis(),
                    r.problem));
        }
        routerStatus = List.copyOf(out);
    }

    /** Sends {@code rounds} gratuitous announcements of {@code vips}, the first now, while they stay owned. */
    private void announce(Set<InetAddress> vips, int rounds) {
        Map<String, Set<InetAddress>> current = owned;
        long now = System.currentTimeMillis();
        current.forEach((iface, set) -> {
            Port port = ports.get(iface);
            for (InetAddress vip : vips) {
                if (port == null || !set.contains(vip)) {
                    continue;
                }
                if (vip instanceof Inet4Address) {
                    if (settings.garpForm() != L2Settings.GarpForm.REPLY) {
                        port.send(Frames.garpRequest(port.mac(), vip));
                    }
                    if (settings.garpForm() != L2Settings.GarpForm.REQUEST) {
                        port.send(Frames.garpReply(port.mac(), vip));
                    }
                } else {
                    port.send(Frames.neighborAdvert(port.mac(), (Inet6Address) vip, null, null));
                }
                observer.garpSent(iface);
                lastGarp.put(vip, now);
            }
        });
        if (rounds > 1) {
            executor.schedule(() -> announce(vips, rounds - 1), settings.garpIntervalMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void scheduleRefresh() {
        if (refresh != null) {
            refresh.run();
            refresh = null;
        }
        int period = settings.garpRefreshSeconds();
        if (period > 0) {
            var f = executor.scheduleWithFixedDelay(() -> announce(ownedBefore, 1), period, period, TimeUnit.SECONDS);
            refresh = () -> f.cancel(false);
        } else {
            refresh = () -> { };
        }
    }

    /** A frame from a port's reading thread: ARP and NDP are answered here, VRRP goes to the executor. */
    private void inbound(String iface, Inbound in) {
        switch (in) {
            case Inbound.WhoHas w -> {
                Set<InetAddress> mine = owned.get(iface);
                if (mine != null && mine.contains(w.target()) && !w.target().equals(w.askerIp())) {
                    Port port = ports.get(iface);
                    if (port != null && port.send(Frames.arpReply(port.mac(), w.target(), w.askerMac(),
                            w.askerIp()))) {
                        observer.arpReplied(iface);
                    }
                }
            }
            case Inbound.Solicitation s -> {
                Set<InetAddress> mine = owned.get(iface);
                if (mine != null && mine.contains(s.target())) {
                    Port port = ports.get(iface);
                    boolean dad = s.askerIp().isAnyLocalAddress();
                    if (port != null && port.send(Frames.neighborAdvert(port.mac(), s.target(),
                            dad ? null : s.askerIp(), s.askerMac()))) {
                        observer.ndpReplied(iface);
                    }
                }
            }
            case Inbound.Vrrp v -> executor.execute(() -> vrrp(iface, v));
        }
    }

    private void vrrp(String iface, Inbound.Vrrp v) {
        if (v.advert() == null) {
            LOG.log(Level.DEBUG, "l2: " + iface + ": VRRP from " + v.from().getHostAddress() + " dropped: "
                    + v.problem());
            return;
        }
        boolean v4 = v.from() instanceof Inet4Address;
        for (Running r : routers.values()) {
            if (r.router != null && r.problem == null && r.settings.interfaceName().equals(iface)
                    && r.settings.vrid() == v.advert().vrid() && r.settings.ipv4() == v4) {
                r.router.received(v.advert(), v.from());
                publishRouters();
            }
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
                routers.values().forEach(r -> {
                    if (r.router != null) {
                        r.router.shutdown();
                    }
                });
                owned = Map.of();
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
