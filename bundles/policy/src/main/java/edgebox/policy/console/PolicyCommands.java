package edgebox.policy.console;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.api.config.ConfigProblem;
import edgebox.api.net.Cidr;
import edgebox.policy.PolicyView;
import edgebox.policy.compile.PolicyTable;
import edgebox.policy.engine.CompiledPolicies;
import edgebox.policy.engine.Tally;
import edgebox.policy.identity.Identity;
import edgebox.policy.model.CidrGroup;
import edgebox.policy.model.Policy;

/**
 * {@code policy:trace --src IP --dst NAMESPACE/SERVICE|IP --port PORT[/PROTO] [--http METHOD PATH]}: which policy
 * and rule decide, with the identities used; {@code policy:list}: the policies with what they select and what they
 * decided so far, the CIDR groups, the problems. Formats only.
 */
@Component(service = PolicyCommands.class, property = {"osgi.command.scope=policy", "osgi.command.function=trace",
        "osgi.command.function=list"})
public class PolicyCommands {

    private final PolicyView view;

    @Activate
    public PolicyCommands(@Reference PolicyView view) {
        this.view = view;
    }

    public String trace(String... args) {
        TraceQuestion q = TraceQuestion.parse(List.of(args));
        CompiledPolicies c = view.current();
        InetAddress destination;
        int port = q.port();
        String via = "";
        if (q.service()) {
            ServiceBackend backend = ServiceBackend.of(view.snapshot(), q.destination(), q.port());
            destination = backend.address();
            port = backend.port();
            via = "backend:     " + Cidr.text(destination) + ":" + port + " of Service " + q.destination() + "\n";
        } else {
            destination = TraceQuestion.address(q.destination(), "--dst");
        }
        Identity to = c.table().destinations().labelsOf(destination);
        return via + c.table().trace(q.source(), to, q.protocol(), port, q.method(), q.path()).text();
    }

    public String list() {
        CompiledPolicies c = view.current();
        Map<String, Tally> tallies = view.counters().all();
        StringBuilder b = new StringBuilder(String.format("%-50s %-8s %5s %10s %10s %10s  %s%n", "POLICY", "MODE",
                "RULES", "ALLOWED", "DENIED", "AUDITED", "SELECTS"));
        for (Policy p : c.policies()) {
            Tally t = tallies.get(p.displayName());
            b.append(String.format("%-50s %-8s %5d %10d %10d %10d  %s%n", p.displayName(),
                    p.audit() ? "audit" : "enforce", rules(c.table(), p), t == null ? 0 : t.allowed(),
                    t == null ? 0 : t.denied(), t == null ? 0 : t.audited(), selected(c.table(), p)));
        }
        b.append(String.format("%n%-30s %-30s %s%n", "CIDR GROUP", "LABELS", "CIDRS"));
        for (CidrGroup g : c.groups()) {
            b.append(String.format("%-30s %-30s %s%n", g.name(), labels(g.labels()),
                    g.externalCidrs().stream().map(Cidr::toString).collect(Collectors.joining(", "))));
        }
        b.append(String.format("%n%d rules compiled in %.2f ms from objects snapshot %d%n", c.table().ruleCount(),
                c.compileMillis(), c.objectsVersion()));
        for (ConfigProblem problem : c.problems()) {
            b.append("problem: ").append(problem).append('\n');
        }
        return b.toString();
    }

    private static long rules(PolicyTable table, Policy p) {
        long n = 0;
        for (int i = 0; i < table.ruleCount(); i++) {
            n += table.rule(i).policy() == p ? 1 : 0;
        }
        return n;
    }

    /** The destinations the policy selects, as {@code address (labels)}; {@code host} for the box's own. */
    private static String selected(PolicyTable table, Policy p) {
        List<String> out = new ArrayList<>();
        boolean host = false;
        for (Map.Entry<InetAddress, Identity> e : table.destinations().addresses().entrySet()) {
            if (!table.selecting(e.getValue()).contains(p)) {
                continue;
            }
            if (e.getValue() == Identity.HOST) {
                host = true;
            } else {
                out.add(Cidr.text(e.getKey()) + " (" + labels(e.getValue().labels()) + ")");
            }
        }
        if (host) {
            out.add(0, "host");
        }
        return out.isEmpty() ? "nothing" : String.join(", ", out);
    }

    private static String labels(Map<String, String> labels) {
        return labels.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
