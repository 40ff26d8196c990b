package edgebox.l2.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import edgebox.api.config.FlatProperties;
import edgebox.api.objects.LabelSelector;

/**
 * A CiliumL2AnnouncementPolicy ({@value #PID}{@code ~NAME}, the manifest flattened): the Services and Gateways it
 * selects, the interfaces it announces on (empty: the {@code edgebox.l2} ones) and which of their addresses it
 * announces. Its node selector is ignored: there is one box.
 */
public record Policy(String name, LabelSelector selector, List<String> interfaces, boolean loadBalancerIps,
        boolean externalIps) {

    public static final String PID = "edgebox.l2.policy";

    private static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");

    public Policy {
        interfaces = List.copyOf(interfaces);
    }

    /** Reads one configuration; a {@link PlanProblem} names the field that is wrong. */
    public static Policy read(String pid, Map<String, ?> flat) {
        Map<String, Object> object = FlatProperties.unflatten(flat);
        Map<String, Object> spec = map(object.get("spec"));
        List<String> interfaces = new ArrayList<>();
        List<?> listed = list(spec.get("interfaces"));
        for (int i = 0; i < listed.size(); i++) {
            String regex = String.valueOf(listed.get(i));
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new PlanProblem(pid, "spec.interfaces[" + i + "]", "\"" + regex
                        + "\" is not a regular expression: " + e.getDescription());
            }
            interfaces.add(regex);
        }
        return new Policy(String.valueOf(map(object.get("metadata")).get("name")),
                selector(spec.get("serviceSelector"), pid, "spec.serviceSelector"), interfaces,
                Boolean.parseBoolean(String.valueOf(spec.get("loadBalancerIPs"))),
                Boolean.parseBoolean(String.valueOf(spec.get("externalIPs"))));
    }

    /** A label selector (matchLabels, matchExpressions); absent selects everything. */
    private static LabelSelector selector(Object node, String pid, String field) {
        if (node == null) {
            return LabelSelector.EVERYTHING;
        }
        if (!(node instanceof Map<?, ?> selector)) {
            throw new PlanProblem(pid, field, "must be a label selector");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        map(selector.get("matchLabels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
        List<LabelSelector.Requirement> requirements = new ArrayList<>();
        List<?> expressions = list(selector.get("matchExpressions"));
        for (int i = 0; i < expressions.size(); i++) {
            String at = field + ".matchExpressions[" + i + "]";
            if (!(expressions.get(i) instanceof Map<?, ?> x)) {
                throw new PlanProblem(pid, at, "must be a key, an operator and values");
            }
            String operator = String.valueOf(x.get("operator"));
            if (!OPERATORS.contains(operator)) {
                throw new PlanProblem(pid, at + ".operator", "\"" + operator
                        + "\" is not In, NotIn, Exists or DoesNotExist");
            }
            List<String> values = list(x.get("values")).stream().map(String::valueOf).toList();
            requirements.add(new LabelSelector.Requirement(String.valueOf(x.get("key")), operator, values));
        }
        return new LabelSelector(labels, requirements);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
