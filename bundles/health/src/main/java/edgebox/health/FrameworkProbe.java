package edgebox.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import edgebox.api.health.Conditions;
import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.health.readiness.BundleStatus;
import edgebox.health.readiness.ComponentStatus;
import edgebox.health.readiness.FunctionStatus;
import edgebox.health.readiness.ReadinessInputs;
import edgebox.health.readiness.RequirementText;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Reads the framework into {@link ReadinessInputs}: bundles (with why an installed one does not resolve), SCR's
 * component configurations, registered conditions and the health checks (tracked dynamically, from any bundle). Also keeps the last framework error per
 * bundle. Called from the monitor thread; the check list and error map take concurrent updates.
 */
final class FrameworkProbe {

    private static final String CONDITION_FILTER =
            "(&(objectClass=org.osgi.service.condition.Condition)(" + Conditions.ID + "=*))";

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final ServiceTracker<HealthCheck, HealthCheck> checks;
    private final HeldConfigurations held;
    private final Map<Long, String> lastErrors = new ConcurrentHashMap<>();

    FrameworkProbe(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
        this.checks = new ServiceTracker<>(context, HealthCheck.class, null);
        this.held = new HeldConfigurations(context);
    }

    /**
     * Starts tracking health checks. Called from the monitor thread, not from activation: getting a check may
     * activate a component of this bundle that needs the HealthState this bundle is still registering.
     */
    void open() {
        checks.open();
        held.open();
    }

    void close() {
        held.close();
        checks.close();
    }

    void recordError(Bundle bundle, String message) {
        lastErrors.put(bundle.getBundleId(), message);
    }

    void forget(Bundle bundle) {
        lastErrors.remove(bundle.getBundleId());
    }

    ReadinessInputs collect() {
        Bundle system = context.getBundle(0);
        return new ReadinessInputs(system.getState() == Bundle.ACTIVE, bundles(), components(), conditions(),
                functions());
    }

    /** {@code last} with the functions' health and the conditions read again. */
    ReadinessInputs refresh(ReadinessInputs last) {
        return new ReadinessInputs(last.frameworkActive(), last.bundles(), last.components(), conditions(),
                functions());
    }

    private List<BundleStatus> bundles() {
        List<BundleStatus> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            BundleRevision rev = b.adapt(BundleRevision.class);
            boolean fragment = rev != null && (rev.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            BundleStatus.State state = state(b.getState());
            List<String> reasons = state == BundleStatus.State.INSTALLED && rev != null ? unresolved(rev) : List.of();
            out.add(new BundleStatus(b.getBundleId(), String.valueOf(b.getSymbolicName()), b.getVersion().toString(),
                    state, fragment, reasons, lastErrors.get(b.getBundleId())));
        }
        return out;
    }

    /** Each mandatory requirement nothing provides; empty when all have providers (a uses or singleton conflict). */
    private List<String> unresolved(BundleRevision rev) {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        List<String> out = new ArrayList<>();
        for (BundleRequirement req : rev.getDeclaredRequirements(null)) {
            String resolution = req.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
            if (Namespace.RESOLUTION_OPTIONAL.equals(resolution) || "dynamic".equals(resolution)
                    || !Namespace.EFFECTIVE_RESOLVE.equals(
                            req.getDirectives().getOrDefault(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE,
                                    Namespace.EFFECTIVE_RESOLVE))) {
                continue;
            }
            if (wiring.findProviders(req).isEmpty()) {
                out.add(RequirementText.describe(req.getNamespace(),
                        req.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE)));
            }
        }
        if (out.isEmpty()) {
            out.add("unresolved although every requirement has a provider (uses or singleton conflict)");
        }
        return out;
    }

    private List<ComponentStatus> components() {
        Map<String, Map<String, Object>> held = this.held.snapshot();
        List<ComponentStatus> out = new ArrayList<>();
        Set<Long> described = new HashSet<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            described.add(d.bundle.id);
            if (!scr.isComponentEnabled(d)) {
                continue;
            }
            boolean configured = !"ignore".equals(d.configurationPolicy);
            Set<String> reached = new HashSet<>();
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                ComponentStatus.State state = switch (c.state) {
                    case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> ComponentStatus.State.UNSATISFIED_CONFIGURATION;
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> ComponentStatus.State.UNSATISFIED_REFERENCE;
                    case ComponentConfigurationDTO.SATISFIED -> ComponentStatus.State.SATISFIED;
                    case ComponentConfigurationDTO.ACTIVE -> ComponentStatus.State.ACTIVE;
                    default -> ComponentStatus.State.FAILED_ACTIVATION;
                };
                String detail = c.failure != null ? c.failure : unsatisfied(d, c.unsatisfiedReferences);
                if (state == ComponentStatus.State.SATISFIED && d.immediate) {
                    state = ComponentStatus.State.ACTIVATING;
                }
                if (configured && (state == ComponentStatus.State.ACTIVE || state == ComponentStatus.State.SATISFIED
                        || state == ComponentStatus.State.UNSATISFIED_CONFIGURATION)) {
                    String pending = HeldConfigurations.pending(d, c, held, reached);
                    if (pending != null) {
                        state = ComponentStatus.State.CONFIGURING;
                        detail = pending;
                    }
                }
                out.add(new ComponentStatus(d.name, d.bundle.symbolicName, c.id, state, detail));
            }
            if (configured) {
                for (Map.Entry<String, Map<String, Object>> h : held.entrySet()) {
                    Object factory = h.getValue().get(ConfigurationAdmin.SERVICE_FACTORYPID);
                    if (factory != null && List.of(d.configurationPid).contains(factory) && !reached.contains(h.getKey())) {
                        out.add(new ComponentStatus(d.name, d.bundle.symbolicName, -1, ComponentStatus.State.CONFIGURING,
                                "configuration " + h.getKey() + " not yet applied"));
                    }
                }
            }
        }
        for (Bundle b : context.getBundles()) {
            if (b.getState() == Bundle.ACTIVE && b.getHeaders("").get("Service-Component") != null
                    && !described.contains(b.getBundleId())) {
                out.add(new ComponentStatus("(components of " + b.getSymbolicName() + ")", b.getSymbolicName(), -1,
                        ComponentStatus.State.ACTIVATING, "not yet read by SCR"));
            }
        }
        return out;
    }

    private static String unsatisfied(ComponentDescriptionDTO d, UnsatisfiedReferenceDTO[] refs) {
        if (refs == null || refs.length == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (UnsatisfiedReferenceDTO u : refs) {
            String iface = "?";
            for (ReferenceDTO r : d.references) {
                if (r.name.equals(u.name)) {
                    iface = r.interfaceName;
                }
            }
            parts.add("missing " + u.name + " (" + iface + (u.target == null ? "" : " " + u.target) + ")");
        }
        return String.join(", ", parts);
    }

    /** The ids of the registered conditions. */
    Set<String> conditions() {
        Set<String> ids = new HashSet<>();
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, CONDITION_FILTER);
            if (refs != null) {
                for (ServiceReference<?> r : refs) {
                    Object id = r.getProperty(Conditions.ID);
                    if (id instanceof String s) {
                        ids.add(s);
                    } else if (id instanceof String[] many) {
                        ids.addAll(List.of(many));
                    }
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(CONDITION_FILTER, e);
        }
        return ids;
    }

    private List<FunctionStatus> functions() {
        List<FunctionStatus> out = new ArrayList<>();
        for (Map.Entry<ServiceReference<HealthCheck>, HealthCheck> c : checks.getTracked().entrySet()) {
            Bundle owner = c.getKey().getBundle();
            String bundle = owner == null ? "?" : owner.getSymbolicName();
            String function;
            Health health;
            try {
                function = c.getValue().function();
                health = c.getValue().health();
                if (health == null) {
                    health = Health.down("health() returned null", null);
                }
            } catch (RuntimeException e) {
                function = bundle;
                health = Health.down("health check failed", e.toString());
            }
            out.add(new FunctionStatus(function, bundle, health));
        }
        out.sort(Comparator.comparing(FunctionStatus::function));
        return out;
    }

    private static BundleStatus.State state(int s) {
        return switch (s) {
            case Bundle.INSTALLED -> BundleStatus.State.INSTALLED;
            case Bundle.RESOLVED -> BundleStatus.State.RESOLVED;
            case Bundle.STARTING -> BundleStatus.State.STARTING;
            case Bundle.STOPPING -> BundleStatus.State.STOPPING;
            case Bundle.ACTIVE -> BundleStatus.State.ACTIVE;
            default -> BundleStatus.State.UNINSTALLED;
        };
    }
}
