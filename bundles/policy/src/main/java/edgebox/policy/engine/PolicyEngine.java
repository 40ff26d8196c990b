package edgebox.policy.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import edgebox.api.config.ConfigProblem;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.runtime.RateLimitedLog;
import edgebox.policy.compile.PolicyCompiler;
import edgebox.policy.compile.PolicyTable;
import edgebox.policy.identity.Destinations;
import edgebox.policy.model.CidrGroup;
import edgebox.policy.model.Policy;

/**
 * Keeps the {@link DecisionPoint} compiled from the latest policies, CIDR groups, objects snapshot and host
 * addresses: every change compiles anew {@code debounceMillis} after the last one, on the given thread, and the
 * result replaces the previous one atomically. A compilation that fails leaves the previous one in force.
 */
public final class PolicyEngine {

    private static final Logger LOG = System.getLogger("edgebox.policy");

    private final ScheduledExecutorService thread;
    private final long debounceMillis;
    private final Supplier<Set<InetAddress>> hostAddresses;
    private final PolicyInputs inputs = new PolicyInputs();
    private final PolicyCounters counters = new PolicyCounters();
    private final DecisionPoint decisionPoint;
    private volatile ObjectSnapshot snapshot = ObjectSnapshot.EMPTY;
    private volatile Set<InetAddress> host;
    private volatile Set<String> held;
    private ScheduledFuture<?> pending;

    public PolicyEngine(ScheduledExecutorService thread, long debounceMillis,
            Supplier<Set<InetAddress>> hostAddresses, RateLimitedLog log) {
        this.thread = thread;
        this.debounceMillis = debounceMillis;
        this.hostAddresses = hostAddresses;
        this.host = hostAddresses.get();
        this.decisionPoint = new DecisionPoint(build(List.of()), log);
    }

    public void objects(ObjectSnapshot next) {
        snapshot = next;
        changed();
    }

    public void update(String pid, Map<String, ?> properties) {
        inputs.update(pid, properties);
        changed();
    }

    public void delete(String pid) {
        inputs.delete(pid);
        changed();
    }

    /**
     * Opens the decision point once the policy manifests are in Config Admin ({@link #translated}) and every
     * configuration Config Admin then held was delivered, or after {@code waitMillis}; compiles first, then runs
     * {@code ready}; on the engine's thread.
     */
    public void start(long waitMillis, Runnable ready) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        thread.execute(() -> awaitHeld(deadline, ready));
    }

    /** The manifests of the policy kinds are in Config Admin, which holds the configurations {@code held}. */
    public void translated(Set<String> held) {
        this.held = Set.copyOf(held);
    }

    private void awaitHeld(long deadline, Runnable ready) {
        Set<String> waitFor = held;
        if (waitFor != null && waitFor.stream().allMatch(inputs::holds) || System.nanoTime() - deadline > 0) {
            if (waitFor == null) {
                LOG.log(Level.WARNING, "policy: the policy manifests were not reported translated in time; "
                        + "deciding with the configurations delivered so far");
            }
            compile();
            decisionPoint.open();
            ready.run();
        } else {
            thread.schedule(() -> awaitHeld(deadline, ready), 10, TimeUnit.MILLISECONDS);
        }
    }

    /** On the engine's thread: compiles again when an interface address came or went. */
    public void checkHostAddresses() {
        Set<InetAddress> now = hostAddresses.get();
        if (!now.equals(host)) {
            host = now;
            changed();
        }
    }

    /** Compiles now, on the caller's thread, and installs the result. */
    public synchronized void compile() {
        List<ConfigProblem> before = decisionPoint.current().problems();
        CompiledPolicies next;
        try {
            next = build(before);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "policy: cannot compile: " + e + "; the previous policies stay in force", e);
            return;
        }
        decisionPoint.install(next);
        LOG.log(Level.DEBUG, () -> "policy: " + next.policies().size() + " policies, " + next.table().ruleCount()
                + " rules, " + next.groups().size() + " CIDR groups compiled in "
                + String.format("%.2f ms", next.compileMillis()));
    }

    private CompiledPolicies build(List<ConfigProblem> before) {
        long start = System.nanoTime();
        Destinations destinations = Destinations.of(snapshot, host);
        List<Policy> policies = inputs.policies();
        List<CidrGroup> groups = inputs.groups();
        PolicyTable table = PolicyCompiler.compile(policies, groups, destinations);
        List<ConfigProblem> problems = new ArrayList<>(inputs.problems());
        problems.addAll(table.problems());
        problems.addAll(destinations.problems());
        problems.stream().filter(p -> !before.contains(p)).forEach(p -> LOG.log(Level.WARNING, "policy: " + p));
        return new CompiledPolicies(table, policies, groups, problems,
                (System.nanoTime() - start) / 1e6, counters);
    }

    private synchronized void changed() {
        if (pending != null) {
            pending.cancel(false);
        }
        if (!thread.isShutdown()) {
            pending = thread.schedule(this::compile, debounceMillis, TimeUnit.MILLISECONDS);
        }
    }

    public DecisionPoint decisionPoint() {
        return decisionPoint;
    }

    public CompiledPolicies current() {
        return decisionPoint.current();
    }

    public PolicyCounters counters() {
        return counters;
    }

    public ObjectSnapshot snapshot() {
        return snapshot;
    }
}
