package edgebox.proxy.model;

import java.util.List;
import java.util.Map;

import edgebox.proxy.model.Refs.GroupKind;
import edgebox.proxy.model.Refs.SecretRef;

/** A Gateway: its class, addresses and listeners. */
public record Gateway(Meta meta, String className, List<String> addresses, List<Listener> listeners)
        implements Resource {

    public Gateway {
        addresses = List.copyOf(addresses);
        listeners = List.copyOf(listeners);
    }

    @Override
    public String kind() {
        return "Gateway";
    }

    /**
     * One listener. {@code hostname} is empty when unset; {@code tlsMode} is Terminate, Passthrough or empty;
     * {@code from} is All, Same or Selector; {@code kinds} empty means the protocol's default kinds.
     */
    public record Listener(String name, String hostname, int port, String protocol, String tlsMode,
            List<SecretRef> certificateRefs, String from, Selector selector, List<GroupKind> kinds) {

        public Listener {
            certificateRefs = List.copyOf(certificateRefs);
            kinds = List.copyOf(kinds);
        }
    }

    /** A Kubernetes label selector. */
    public record Selector(Map<String, String> matchLabels, List<Expression> expressions) {

        public Selector {
            matchLabels = Map.copyOf(matchLabels);
            expressions = List.copyOf(expressions);
        }

        public boolean matches(Map<String, String> labels) {
            for (Map.Entry<String, String> e : matchLabels.entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
            for (Expression x : expressions) {
                if (!x.matches(labels)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** In, NotIn, Exists, DoesNotExist. */
    public record Expression(String key, String operator, List<String> values) {

        public Expression {
            values = List.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case "In" -> v != null && values.contains(v);
                case "NotIn" -> v == null || !values.contains(v);
                case "Exists" -> v != null;
                default -> v == null;
            };
        }
    }
}
