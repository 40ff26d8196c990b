package edgebox.policy.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import edgebox.api.objects.LabelSelector;
import edgebox.policy.model.EndpointLabels;

/**
 * Reads label selectors. Cilium label keys may carry a source ({@code k8s:app}); the box reads the {@code k8s} and
 * {@code any} sources as the plain key and refuses the others, since at the edge no other source exists.
 */
final class Selectors {

    private static final List<String> FIELDS = List.of("matchLabels", "matchExpressions");

    private Selectors() {
    }

    /**
     * The selector of the endpoints a rule protects. In a namespaced policy ({@code namespace} not empty) the
     * selector also requires {@link EndpointLabels#NAMESPACE} to be that namespace, as Cilium implies it; naming
     * another namespace there is refused.
     */
    static LabelSelector endpoints(In node, String namespace) {
        LabelSelector s = selector(node, "");
        if (namespace.isEmpty()) {
            return s;
        }
        String written = s.matchLabels().get(EndpointLabels.NAMESPACE);
        if (written != null && !written.equals(namespace)) {
            node.at("matchLabels").problemEntry(EndpointLabels.NAMESPACE, "a namespaced policy selects endpoints of"
                    + " its own namespace \"" + namespace + "\" only, got \"" + written + "\"");
        }
        Map<String, String> labels = new LinkedHashMap<>(s.matchLabels());
        labels.put(EndpointLabels.NAMESPACE, namespace);
        return new LabelSelector(labels, s.expressions());
    }

    /** A selector as written, its keys without the {@code k8s:} or {@code any:} source. */
    static LabelSelector plain(In node) {
        return selector(node, "");
    }

    /** A namespaceSelector, its keys under {@link EndpointLabels#NAMESPACE_LABELS} as Cilium translates them. */
    static LabelSelector namespaces(In node) {
        return selector(node, EndpointLabels.NAMESPACE_LABELS);
    }

    private static LabelSelector selector(In node, String prefix) {
        if (!node.present()) {
            return LabelSelector.EVERYTHING;
        }
        node.only(FIELDS, Map.of());
        In labelsNode = node.at("matchLabels");
        Map<String, String> labels = new LinkedHashMap<>();
        node.stringMap("matchLabels").forEach((k, v) -> {
            String key = key(labelsNode, k, k);
            if (key != null) {
                labels.put(prefix + key, v);
            }
        });
        List<LabelSelector.Requirement> expressions = new ArrayList<>();
        for (In x : node.list("matchExpressions")) {
            x.only(List.of("key", "operator", "values"), Map.of());
            String written = x.required("key");
            String key = written == null ? null : key(x, "key", written);
            String op = x.required("operator");
            List<String> values = new ArrayList<>();
            for (In v : x.list("values")) {
                String text = v.text();
                if (text != null) {
                    values.add(text);
                }
            }
            if (op != null && !List.of("In", "NotIn", "Exists", "DoesNotExist").contains(op)) {
                x.problem("operator", "must be one of In, NotIn, Exists, DoesNotExist, got \"" + op + "\"");
            } else if (("In".equals(op) || "NotIn".equals(op)) && values.isEmpty()) {
                x.problem("values", "at least one value is required for operator " + op);
            } else if (("Exists".equals(op) || "DoesNotExist".equals(op)) && !values.isEmpty()) {
                x.problem("values", "must be empty for operator " + op);
            }
            if (key != null && op != null) {
                expressions.add(new LabelSelector.Requirement(prefix + key, op, values));
            }
        }
        return new LabelSelector(labels, expressions);
    }

    /** The key without its source, or null with a problem on {@code entry} of {@code node} for another source. */
    private static String key(In node, String entry, String written) {
        int colon = written.indexOf(':');
        if (colon < 0) {
            return written;
        }
        String source = written.substring(0, colon);
        if (source.equals("k8s") || source.equals("any")) {
            return written.substring(colon + 1);
        }
        String reason = "label source \"" + source + "\" does not exist at the edge: only k8s: and any: labels"
                + (source.equals("reserved") ? " (name host or world with fromEntities)" : "");
        if (entry.equals(written)) {
            node.problemEntry(entry, reason);
        } else {
            node.problem(entry, reason);
        }
        return null;
    }
}
