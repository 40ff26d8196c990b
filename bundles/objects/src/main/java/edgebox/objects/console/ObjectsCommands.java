package edgebox.objects.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.api.config.ConfigProblem;
import edgebox.api.net.Cidr;
import edgebox.api.objects.KubeObject;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.Service;
import edgebox.objects.ObjectsView;

/**
 * {@code objects:list [KIND]}: every object of the snapshot; {@code objects:status}: the version, the counts by kind,
 * the LoadBalancer addresses and what is refused. Formats only.
 */
@Component(service = ObjectsCommands.class, property = {"osgi.command.scope=objects",
        "osgi.command.function=list", "osgi.command.function=status"})
public class ObjectsCommands {

    private final ObjectsView view;

    @Activate
    public ObjectsCommands(@Reference ObjectsView view) {
        this.view = view;
    }

    public String list() {
        return list("");
    }

    public String list(String kind) {
        ObjectSnapshot s = view.current();
        StringBuilder b = new StringBuilder(String.format("%-26s %-44s %s%n", "KIND", "NAME", "DETAIL"));
        int n = 0;
        for (KubeObject o : all(s)) {
            if (kind.isEmpty() || o.kind().toLowerCase(Locale.ROOT).equals(kind.toLowerCase(Locale.ROOT))) {
                b.append(String.format("%-26s %-44s %s%n", o.kind(), o.meta().key(), detail(s, o)));
                n++;
            }
        }
        return b.append(n).append(" objects, snapshot version ").append(s.version()).append('\n').toString();
    }

    public String status() {
        ObjectSnapshot s = view.current();
        StringBuilder b = new StringBuilder();
        b.append("snapshot version ").append(s.version()).append(view.ready() ? "" : " (starting)").append(", ")
                .append(s.size()).append(" objects: ").append(s.gateways().size()).append(" Gateways, ")
                .append(s.routes().size()).append(" routes, ").append(s.services().size()).append(" Services, ")
                .append(s.endpointSlices().size()).append(" EndpointSlices, ").append(s.secrets().size())
                .append(" Secrets, ").append(s.namespaces().size()).append(" Namespaces, ").append(s.pods().size())
                .append(" Pods, ").append(s.loadBalancerIpPools().size()).append(" pools\n");
        b.append("gateway classes ").append(String.join(",", s.gatewaySettings().classNames()))
                .append(", default address ").append(s.gatewaySettings().defaultAddress()).append('\n');
        for (Map.Entry<String, List<ConfigProblem>> e : view.refusals().entrySet()) {
            for (ConfigProblem p : e.getValue()) {
                b.append("refused ").append(e.getKey()).append(": ").append(p).append('\n');
            }
        }
        for (ConfigProblem p : s.problems()) {
            if (view.refusals().values().stream().noneMatch(l -> l.contains(p))) {
                b.append("problem: ").append(p).append('\n');
            }
        }
        return b.toString();
    }

    private static String detail(ObjectSnapshot s, KubeObject o) {
        if (o instanceof Service svc && svc.loadBalancer()) {
            List<String> a = s.loadBalancerAddresses(svc).stream().map(Cidr::text).toList();
            return "LoadBalancer " + (a.isEmpty() ? "<pending>" : String.join(",", a));
        }
        if (o instanceof edgebox.api.objects.Gateway g) {
            return g.className() + (s.served(g) ? " " + String.join(",", s.bindAddresses(g)) : " (not ours)");
        }
        return "";
    }

    private static List<KubeObject> all(ObjectSnapshot s) {
        List<KubeObject> out = new ArrayList<>();
        out.addAll(s.gateways());
        out.addAll(s.routes());
        out.addAll(s.referenceGrants());
        out.addAll(s.services());
        out.addAll(s.endpointSlices());
        out.addAll(s.secrets());
        out.addAll(s.namespaces());
        out.addAll(s.pods());
        out.addAll(s.loadBalancerIpPools());
        out.addAll(s.backendTlsPolicies());
        out.addAll(s.configMaps());
        return out;
    }
}
