package edgebox.lb.console;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.api.net.Cidr;
import edgebox.lb.LbView;
import edgebox.lb.engine.EngineStatus;
import edgebox.lb.engine.EngineStatus.BackendStatus;
import edgebox.lb.engine.EngineStatus.ServiceStatus;
import edgebox.lb.engine.FlowSample;
import edgebox.lb.health.TargetHealth;
import edgebox.lb.plan.LbBackend;
import edgebox.lb.plan.LbPlan;
import edgebox.lb.plan.VipKey;
import edgebox.lb.plan.VirtualService;

/**
 * {@code lb:services}, {@code lb:backends}, {@code lb:flows [VIP[:PORT[/PROTO]]]} and {@code lb:maglev
 * VIP[:PORT[/PROTO]]}: what the load balancer forwards, to whom, and how its Maglev tables share the flows.
 * Formats only.
 */
@Component(service = LbCommands.class, property = {"osgi.command.scope=lb", "osgi.command.function=services",
        "osgi.command.function=backends", "osgi.command.function=flows", "osgi.command.function=maglev"})
public class LbCommands {

    private static final int FLOW_SAMPLE = 50;

    private final LbView view;

    @Activate
    public LbCommands(@Reference LbView view) {
        this.view = view;
    }

    public String services() {
        EngineStatus status = view.status();
        StringBuilder b = new StringBuilder(String.format("%-30s %-24s %-9s %12s %14s%n", "VIRTUAL SERVICE", "SERVICE",
                "BACKENDS", "PACKETS", "BYTES"));
        for (VirtualService vs : view.plan().services()) {
            ServiceStatus s = service(status, vs.key());
            b.append(String.format("%-30s %-24s %-9s %12d %14d%n", vs.key(), vs.service(),
                    vs.active().size() + "/" + vs.backends().size(), s == null ? 0 : s.packets(),
                    s == null ? 0 : s.bytes()));
        }
        b.append("drops:");
        status.drops().entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted((x, y) -> x.getKey().name().compareTo(y.getKey().name()))
                .forEach(e -> b.append(' ').append(e.getKey().name().toLowerCase(Locale.ROOT)).append('=')
                        .append(e.getValue()));
        b.append(String.format("%nplan %d, %d table rebuilds, compiled in %.2f ms; path %s on %s%n",
                status.planVersion(), status.tableRebuilds(), view.lastCompileMillis(), view.settings().packetPath(),
                view.settings().interfaces().isEmpty() ? "no interface (off)" : view.settings().interfaces()));
        for (EngineStatus.PortStatus p : status.ports()) {
            b.append(String.format("interface %-10s %s%n", p.name(), port(p)));
        }
        view.problems(status).forEach(p -> b.append("problem: ").append(p).append('\n'));
        return b.toString();
    }

    private static String port(EngineStatus.PortStatus p) {
        String error = p.error() == null ? null : p.error().replace("interface " + p.name() + ": ", "");
        if (p.stats() == null) {
            return "not open: " + error;
        }
        return "received " + p.stats().received() + ", sent " + p.stats().sent() + ", kernel drops "
                + p.stats().kernelDrops() + ", flows " + p.connections() + ", evictions " + p.evictions()
                + (error == null ? "" : ", last error: " + error);
    }

    public String backends() {
        EngineStatus status = view.status();
        StringBuilder b = new StringBuilder(String.format("%-30s %-26s %-9s %-22s %6s %7s %8s %12s %s%n",
                "VIRTUAL SERVICE", "BACKEND", "STATE", "HEALTH", "WEIGHT", "SHARE", "FLOWS", "PACKETS", "NEIGHBOUR"));
        for (VirtualService vs : view.plan().services()) {
            ServiceStatus s = service(status, vs.key());
            for (LbBackend be : vs.backends()) {
                BackendStatus bs = backend(s, be.id());
                TargetHealth h = view.health().detail(be.address(), be.port());
                b.append(String.format("%-30s %-26s %-9s %-22s %6d %6.2f%% %8d %12d %s%n", vs.key(), be.id(),
                        be.state(), h == null ? "unchecked" : h.state() + (h.detail() == null || h.detail().isEmpty()
                                ? "" : " " + h.detail()),
                        be.weight(), bs == null ? 0.0 : bs.tableShare() * 100, bs == null ? 0 : bs.flows(),
                        bs == null ? 0 : bs.packets(), bs == null ? "-" : bs.neighbour()));
            }
        }
        return b.toString();
    }

    public String flows() {
        return flows(null);
    }

    public String flows(String vip) {
        List<VipKey> keys;
        try {
            keys = vip == null ? List.of() : keys(view.plan(), vip);
        } catch (IllegalArgumentException e) {
            return e.getMessage() + "\n";
        }
        if (vip != null && keys.isEmpty()) {
            return "no virtual service matches " + vip + "\n";
        }
        List<FlowSample> sample = new ArrayList<>();
        if (keys.isEmpty()) {
            sample.addAll(view.flows(null, FLOW_SAMPLE));
        }
        for (VipKey key : keys) {
            if (sample.size() < FLOW_SAMPLE) {
                sample.addAll(view.flows(key, FLOW_SAMPLE - sample.size()));
            }
        }
        StringBuilder b = new StringBuilder(String.format("%-10s %-30s %-30s %-26s %s%n", "INTERFACE",
                "VIRTUAL SERVICE", "CLIENT", "BACKEND", "IDLE-EXPIRY"));
        for (FlowSample f : sample) {
            b.append(String.format("%-10s %-30s %-30s %-26s %ds%n", f.interfaceName(), f.service(),
                    Cidr.text(f.client()) + ":" + f.clientPort(), f.backend(), f.secondsLeft()));
        }
        return b.append(sample.size()).append(" flows shown (at most ").append(FLOW_SAMPLE).append(")\n").toString();
    }

    public String maglev(String vip) {
        List<VipKey> keys;
        try {
            keys = keys(view.plan(), vip);
        } catch (IllegalArgumentException e) {
            return e.getMessage() + "\n";
        }
        if (keys.isEmpty()) {
            return "no virtual service matches " + vip + "\n";
        }
        StringBuilder b = new StringBuilder();
        for (VipKey key : keys) {
            b.append(MaglevReport.of(view.plan().service(key)));
        }
        return b.toString();
    }

    /**
     * The virtual services {@code text} names: {@code VIP}, {@code VIP:PORT}, {@code VIP:PORT/PROTO}; an
     * IllegalArgumentException saying so when it is none of these.
     */
    static List<VipKey> keys(LbPlan plan, String text) {
        try {
            return matching(plan, text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not VIP, VIP:PORT or VIP:PORT/PROTO "
                    + "(10.0.0.1:443/tcp, [2001:db8::1]:443)", e);
        }
    }

    private static List<VipKey> matching(LbPlan plan, String s) {
        String proto = null;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            proto = s.substring(slash + 1).toUpperCase(Locale.ROOT);
            s = s.substring(0, slash);
        }
        int port = -1;
        int colon = s.lastIndexOf(':');
        if (s.startsWith("[") && s.contains("]:")) {
            port = Integer.parseInt(s.substring(s.indexOf("]:") + 2));
            s = s.substring(1, s.indexOf(']'));
        } else if (colon > 0 && s.indexOf(':') == colon) {
            port = Integer.parseInt(s.substring(colon + 1));
            s = s.substring(0, colon);
        } else if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        InetAddress address = Cidr.address(s);
        int wantedPort = port;
        String wantedProto = proto;
        return plan.services().stream().map(VirtualService::key)
                .filter(k -> k.address().equals(address) && (wantedPort < 0 || k.port() == wantedPort)
                        && (wantedProto == null || k.protocol().name().equals(wantedProto)))
                .toList();
    }

    private static ServiceStatus service(EngineStatus status, VipKey key) {
        return status.services().stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
    }

    private static BackendStatus backend(ServiceStatus s, String id) {
        return s == null ? null : s.backends().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
    }
}
