package edgebox.lb.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import edgebox.api.config.ConfigProblem;
import edgebox.objects.testing.YamlObjects;

/** Builds plans from manifests written as YAML and prints them as lines tests compare (here and in health). */
public final class Plans {

    private Plans() {
    }

    public static LbPlan compile(String yaml) {
        return LbPlanCompiler.compile(YamlObjects.snapshot(yaml), LbSettings.DEFAULT);
    }

    /** A LoadBalancer Service {@code shop/name} on {@code vip} with these port entries (YAML flow items). */
    public static String service(String name, String vip, String annotations, String... ports) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: %s, namespace: shop, annotations: {%s}}
                spec: {type: LoadBalancer, loadBalancerIP: "%s", ports: [%s]}
                """.formatted(name, annotations, vip, String.join(", ", ports));
    }

    /** An EndpointSlice {@code shop/slice} of Service {@code shop/service}, its ports and endpoints as flow items. */
    public static String slice(String slice, String service, String addressType, String annotations, String ports,
            String... endpoints) {
        return """
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: %s, namespace: shop, labels: {kubernetes.io/service-name: %s}, annotations: {%s}}
                addressType: %s
                ports: [%s]
                endpoints: [%s]
                """.formatted(slice, service, annotations, addressType, ports, String.join(", ", endpoints));
    }

    public static String ready(String address) {
        return "{addresses: [\"" + address + "\"], conditions: {ready: true}}";
    }

    public static String terminating(String address) {
        return "{addresses: [\"" + address + "\"], conditions: {ready: false, serving: true, terminating: true}}";
    }

    public static String gone(String address) {
        return "{addresses: [\"" + address + "\"], conditions: {ready: false, serving: false, terminating: true}}";
    }

    /**
     * The plan as lines: one per virtual service ("10.0.0.1:80/TCP shop/web http -> 10.1.0.1:8080 ACTIVE w1, ...",
     * its table's slot count per ACTIVE backend checked against the table), then one per problem.
     */
    public static List<String> lines(LbPlan plan) {
        List<String> out = new ArrayList<>();
        for (VirtualService vs : plan.services()) {
            out.add(vs.key() + " " + vs.service() + " " + (vs.portName().isEmpty() ? "-" : vs.portName()) + " -> "
                    + vs.backends().stream().map(b -> b.id() + " " + b.state() + " w" + b.weight())
                            .collect(Collectors.joining(", ")));
        }
        for (ConfigProblem p : plan.problems()) {
            out.add("problem " + p);
        }
        return out;
    }
}
