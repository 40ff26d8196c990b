package edgebox.l2.plan;

import java.util.List;
import java.util.Map;

/** A Kubernetes label selector (matchLabels and matchExpressions); absent or empty selects everything. */
record Selector(Map<String, String> matchLabels, List<Expression> expressions) {

    record Expression(String key, String operator, List<String> values) {
    }

    static final Selector ALL = new Selector(Map.of(), List.of());

    boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (Expression x : expressions) {
            String v = labels.get(x.key());
            boolean ok = switch (x.operator()) {
                case "In" -> v != null && x.values().contains(v);
                case "NotIn" -> v == null || !x.values().contains(v);
                case "Exists" -> v != null;
                case "DoesNotExist" -> v == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Reads {@code node} (the selector's map); refusals name {@code field}. */
    @SuppressWarnings("unchecked")
    static Selector read(Object node, String object, String field) {
        if (node == null) {
            return ALL;
        }
        if (!(node instanceof Map<?, ?> map)) {
            throw new Props.PlanProblem(object, field, "must be a label selector");
        }
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        if (map.get("matchLabels") instanceof Map<?, ?> ml) {
            ml.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        }
        List<Expression> expressions = new java.util.ArrayList<>();
        if (map.get("matchExpressions") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> x = (Map<String, Object>) list.get(i);
                String op = String.valueOf(x.get("operator"));
                if (!List.of("In", "NotIn", "Exists", "DoesNotExist").contains(op)) {
                    throw new Props.PlanProblem(object, field + ".matchExpressions[" + i + "].operator",
                            "\"" + op + "\" is not In, NotIn, Exists or DoesNotExist");
                }
                List<String> values = x.get("values") instanceof List<?> vs
                        ? vs.stream().map(String::valueOf).toList() : List.of();
                expressions.add(new Expression(String.valueOf(x.get("key")), op, values));
            }
        }
        return new Selector(Map.copyOf(labels), List.copyOf(expressions));
    }
}
