package edgebox.l2.run;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import edgebox.api.net.Cidr;
import edgebox.l2.plan.Announcement;
import edgebox.l2.plan.L2Plan;
import edgebox.l2.vrrp.Advert;
import edgebox.l2.vrrp.RouterSettings;
import edgebox.l2.vrrp.Scheduler;
import edgebox.l2.vrrp.VirtualRouter;
import edgebox.l2.wire.Frames;
import edgebox.l2.wire.Inbound;
import edgebox.l2.wire.Port;

/**
 * The running virtual routers of a plan, on the engine's thread: started when their interface is present with an
 * address to speak from, restarted when their settings or interface change, fed the adverts heard on their
 * interface. A state change is reported to {@code changed} with the reason.
 */
final class Routers {

    private static final Logger LOG = System.getLogger("edgebox.l2");

    private final Scheduler scheduler;
    private final Map<String, Port> ports;
    private final Supplier<L2Plan> plan;
    private final Observer observer;
    private final Consumer<String> changed;
    private final Map<String, Running> running = new LinkedHashMap<>();
    private volatile List<RouterStatus> status = List.of();

    private final class Running {
        final RouterSettings settings;
        final Nic nic;
        final InetAddress primary;
        final VirtualRouter router;
        final String problem;

        Running(Running old, RouterSettings settings) {
            this.settings = settings;
            this.nic = old.nic;
            this.primary = old.primary;
            this.router = old.router;
            this.problem = old.problem;
        }

        Running(RouterSettings settings, Nic nic) {
            this.settings = settings;
            this.nic = nic;
            this.primary = nic == null ? null : nic.primary(settings.ipv4());
            if (nic == null) {
                problem = "interface " + settings.interfaceName() + " is not present or down";
            } else if (primary == null) {
                problem = "interface " + settings.interfaceName() + " has no " + (settings.ipv4() ? "IPv4"
                        : "IPv6 link-local") + " address to send advertisements from";
            } else if (!ports.containsKey(settings.interfaceName())) {
                problem = "no capture on " + settings.interfaceName();
            } else {
                problem = null;
            }
            router = problem == null ? new VirtualRouter(settings, primary, scheduler, actions(this)) : null;
        }
    }

    Routers(Scheduler scheduler, Map<String, Port> ports, Supplier<L2Plan> plan, Observer observer,
            Consumer<String> changed) {
        this.scheduler = scheduler;
        this.ports = ports;
        this.plan = plan;
        this.observer = observer;
        this.changed = changed;
    }

    /** Brings the running routers in line with {@code wanted} on the interfaces present. */
    void reconcile(List<RouterSettings> wanted, Map<String, Nic> nics) {
        Map<String, RouterSettings> byName = new LinkedHashMap<>();
        wanted.forEach(r -> byName.put(r.name(), r));
        for (String name : List.copyOf(running.keySet())) {
            Running old = running.get(name);
            RouterSettings next = byName.get(name);
            Nic nic = next == null ? null : nics.get(next.interfaceName());
            boolean sameLink = next != null && Objects.equals(nic, old.nic)
                    && (nic == null || Objects.equals(nic.primary(next.ipv4()), old.primary))
                    && next.interfaceName().equals(old.settings.interfaceName()) && next.vrid() == old.settings.vrid()
                    && next.ipv4() == old.settings.ipv4();
            if (sameLink && !next.equals(old.settings) && old.router != null) {
                old.router.update(next);
                running.put(name, new Running(old, next));
                LOG.log(Level.INFO, "l2: vrrp " + name + ": settings changed in place (priority " + next.priority()
                        + ", advert " + next.intervalCentis() * 10 + " ms, preempt " + next.preempt() + ")");
            } else if (!sameLink || !next.equals(old.settings)) {
                if (old.router != null) {
                    old.router.shutdown();
                }
                running.remove(name);
            }
        }
        for (RouterSettings r : byName.values()) {
            if (!running.containsKey(r.name())) {
                Running run = new Running(r, nics.get(r.interfaceName()));
                running.put(r.name(), run);
                if (run.router != null) {
                    run.router.start();
                }
            }
        }
        publish();
    }

    /** {@code master} or {@code backup}; null when the router is not running. */
    String state(String name) {
        Running r = running.get(name);
        if (r == null || r.router == null) {
            return null;
        }
        return r.router.state() == VirtualRouter.State.MASTER ? "master" : "backup";
    }

    /** An advert heard on {@code iface}: to the router of its VRID and family there. */
    void received(String iface, Inbound.Vrrp v) {
        if (v.advert() == null) {
            LOG.log(Level.DEBUG, "l2: " + iface + ": VRRP from " + Cidr.text(v.from()) + " dropped: "
                    + v.problem());
            return;
        }
        boolean v4 = v.from() instanceof Inet4Address;
        for (Running r : running.values()) {
            if (r.router != null && r.settings.interfaceName().equals(iface) && r.settings.vrid() == v.advert().vrid()
                    && r.settings.ipv4() == v4) {
                r.router.received(v.advert(), v.from());
                publish();
            }
        }
    }

    List<RouterStatus> status() {
        return status;
    }

    /** Every master resigns with priority 0. */
    void shutdown() {
        running.values().forEach(r -> {
            if (r.router != null) {
                r.router.shutdown();
            }
        });
    }

    private void publish() {
        List<RouterStatus> out = new ArrayList<>();
        for (Running r : running.values()) {
            String state = r.router == null ? "down" : r.router.state().name().toLowerCase(java.util.Locale.ROOT);
            InetAddress master = r.router == null ? null : r.router.master();
            out.add(new RouterStatus(r.settings.name(), r.settings.vrid(), r.settings.interfaceName(), state,
                    r.settings.priority(), r.settings.intervalCentis() * 10,
                    master == null ? "" : Cidr.text(master), r.router == null ? 0 : r.router.sinceMillis(),
                    r.problem));
        }
        status = List.copyOf(out);
    }

    private VirtualRouter.Actions actions(Running run) {
        String name = run.settings.name();
        return new VirtualRouter.Actions() {
            @Override
            public void advertise(int priority) {
                RouterSettings now = run.router.settings();
                Port port = ports.get(now.interfaceName());
                if (port != null) {
                    List<InetAddress> addresses = plan.get().announcements().stream()
                            .filter(a -> name.equals(a.router())).map(Announcement::address).toList();
                    port.send(Frames.vrrp(port.mac(), run.primary, new Advert(now.vrid(), priority,
                            now.intervalCentis(), addresses)));
                }
            }

            @Override
            public void becameMaster(String reason) {
                transition("master", reason);
            }

            @Override
            public void becameBackup(String reason) {
                transition("backup", reason);
            }

            private void transition(String state, String reason) {
                LOG.log(Level.INFO, "l2: vrrp " + name + ": " + state.toUpperCase(java.util.Locale.ROOT) + " ("
                        + reason + ")");
                observer.transition(name, state);
                publish();
                changed.accept("vrrp " + name + " " + state);
            }
        };
    }
}
