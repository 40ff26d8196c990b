package edgebox.lb.plan;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import edgebox.api.config.ConfigProblem;
import edgebox.api.objects.EndpointSlice;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.Service;

/**
 * Compiles an objects snapshot into the load balancer's plan, by the rules in {@code package-info}. A pure
 * function: the same snapshot, settings and backend health give the same plan, Maglev tables included.
 */
public final class LbPlanCompiler {

    public static final String MODE_ANNOTATION = Service.LB_MODE_ANNOTATION;
    public static final String WEIGHT_ANNOTATION = "edgebox.io/weight";
    public static final int MAX_WEIGHT = 1000;

    private final ObjectSnapshot snapshot;
    private final LbSettings settings;
    private final BackendHealth health;
    private final GatewayListeners gateways;
    private final List<VirtualService> services = new ArrayList<>();
    private final Map<VipKey, String> taken = new HashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    private LbPlanCompiler(ObjectSnapshot snapshot, LbSettings settings, BackendHealth health) {
        this.snapshot = snapshot;
        this.settings = settings;
        this.health = health;
        this.gateways = GatewayListeners.of(snapshot);
    }

    /** The plan with every backend healthy. */
    public static LbPlan compile(ObjectSnapshot snapshot, LbSettings settings) {
        return compile(snapshot, settings, BackendHealth.ALL_HEALTHY);
    }

    /** The plan with the backends that {@code health} finds unhealthy marked FAILED. */
    public static LbPlan compile(ObjectSnapshot snapshot, LbSettings settings, BackendHealth health) {
        LbPlanCompiler c = new LbPlanCompiler(snapshot, settings, health);
        for (Service s : snapshot.services()) {
            if (s.loadBalancer() && c.balancedHere(s)) {
                c.compileService(s);
            }
        }
        return new LbPlan(snapshot.version(), c.services, c.problems);
    }

    private boolean balancedHere(Service s) {
        String mode = s.meta().annotations().get(MODE_ANNOTATION);
        if (mode == null || mode.equals("dsr")) {
            return true;
        }
        if (!mode.equals("proxy")) {
            problem(s, "metadata.annotations[" + MODE_ANNOTATION + "]",
                    "must be dsr or proxy, was \"" + mode + "\"; the Service is not balanced");
        }
        return false;
    }

    private void compileService(Service s) {
        List<EndpointSlice> slices = snapshot.endpointSlices().stream()
                .filter(e -> e.meta().namespace().equals(s.meta().namespace()) && e.serviceName().equals(s.meta().name()))
                .toList();
        Map<EndpointSlice, Integer> weights = new IdentityHashMap<>();
        for (EndpointSlice slice : slices) {
            weights.put(slice, weight(slice));
        }
        for (int i = 0; i < s.ports().size(); i++) {
            Service.Port port = s.ports().get(i);
            String field = "spec.ports[" + i + "]";
            if (!port.protocol().equals("TCP") && !port.protocol().equals("UDP")) {
                problem(s, field + ".protocol", port.protocol() + " is not balanced, only TCP and UDP; port left out");
                continue;
            }
            String moved = movedTarget(port, slices);
            if (moved != null) {
                String name = port.name().isEmpty() ? "" : " (" + port.name() + ")";
                problem(s, field, "Service port " + port.port() + name + ", but " + moved
                        + "; direct server return delivers frames unchanged, so the backends must listen on the "
                        + "Service's port; port left out");
                continue;
            }
            Protocol protocol = Protocol.valueOf(port.protocol());
            for (InetAddress vip : snapshot.loadBalancerAddresses(s)) {
                VipKey key = new VipKey(vip, port.port(), protocol);
                String holder = gateways.holder(key);
                if (holder == null) {
                    holder = taken.get(key);
                }
                if (holder != null) {
                    problem(s, field, key + " is also " + holder + "; port left out on that address");
                    continue;
                }
                taken.put(key, "Service " + s.meta().key() + " port " + describe(port));
                VirtualService vs = VirtualService.build(key, s.meta().key(), port.name(),
                        backends(port, vip, slices, weights), settings);
                if (vs.active().isEmpty()) {
                    boolean failed = vs.backends().stream().anyMatch(b -> b.state() == LbBackend.State.FAILED);
                    problem(s, field, (failed ? "no ready endpoint passes its health check for " : "no ready "
                            + "endpoints for ") + key + "; its new flows are dropped");
                }
                services.add(vs);
            }
        }
    }

    /** The first slice whose port for this Service port has another number, said in words, or null. */
    private static String movedTarget(Service.Port port, List<EndpointSlice> slices) {
        for (EndpointSlice slice : slices) {
            EndpointSlice.Port target = target(port, slice);
            if (target != null && target.port() != port.port()) {
                return "EndpointSlice " + slice.meta().key() + " gives its endpoints port " + target.port();
            }
        }
        return null;
    }

    /**
     * The endpoints of the VIP's family on this port; an endpoint in two slices counts once, ACTIVE first. One that
     * fails its health check is FAILED, whether ready or only serving.
     */
    private List<LbBackend> backends(Service.Port port, InetAddress vip, List<EndpointSlice> slices,
            Map<EndpointSlice, Integer> weights) {
        String family = vip instanceof Inet6Address ? "IPv6" : "IPv4";
        Map<String, LbBackend> byId = new LinkedHashMap<>();
        for (EndpointSlice slice : slices) {
            EndpointSlice.Port target = target(port, slice);
            if (target == null || !slice.addressType().equals(family)) {
                continue;
            }
            for (EndpointSlice.Endpoint e : slice.endpoints()) {
                LbBackend.State state = e.ready() ? LbBackend.State.ACTIVE
                        : e.serving() ? LbBackend.State.DRAINING : null;
                if (state == null) {
                    continue;
                }
                for (String text : e.addresses()) {
                    LbBackend b = new LbBackend(address(text), target.port(), weights.get(slice), state);
                    LbBackend had = byId.get(b.id());
                    if (had == null || (had.state() == LbBackend.State.DRAINING && state == LbBackend.State.ACTIVE)) {
                        byId.put(b.id(), b);
                    }
                }
            }
        }
        List<LbBackend> out = new ArrayList<>(byId.size());
        for (LbBackend b : byId.values()) {
            out.add(health.healthy(b.address(), b.port()) ? b
                    : new LbBackend(b.address(), b.port(), b.weight(), LbBackend.State.FAILED));
        }
        return List.copyOf(out);
    }

    /** The slice's port for a Service port: same name, or for an unnamed one the unnamed or only port. */
    private static EndpointSlice.Port target(Service.Port port, EndpointSlice slice) {
        for (EndpointSlice.Port p : slice.ports()) {
            if (p.name().equals(port.name())) {
                return p;
            }
        }
        return port.name().isEmpty() && slice.ports().size() == 1 ? slice.ports().getFirst() : null;
    }

    private int weight(EndpointSlice slice) {
        String text = slice.meta().annotations().get(WEIGHT_ANNOTATION);
        if (text == null) {
            return 1;
        }
        try {
            int w = Integer.parseInt(text.strip());
            if (w >= 1 && w <= MAX_WEIGHT) {
                return w;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(ConfigProblem.of("EndpointSlice " + slice.meta().key(),
                "metadata.annotations[" + WEIGHT_ANNOTATION + "]",
                "must be an integer from 1 to " + MAX_WEIGHT + ", was \"" + text + "\"; its endpoints take weight 1"));
        return 1;
    }

    /** An endpoint address, an IP literal the objects bundle has already checked. */
    private static InetAddress address(String text) {
        try {
            return InetAddress.ofLiteral(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("EndpointSlice address \"" + text + "\" is not an IP literal", e);
        }
    }

    private static String describe(Service.Port port) {
        return port.name().isEmpty() ? String.valueOf(port.port()) : port.name();
    }

    private void problem(Service s, String field, String reason) {
        problems.add(ConfigProblem.of("Service " + s.meta().key(), field, reason));
    }
}
