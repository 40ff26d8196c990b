package edgebox.policy.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import edgebox.api.objects.LabelSelector;
import edgebox.policy.model.Entity;

/**
 * A {@link LabelSelector} compiled to test identities without allocating. Kubernetes semantics: every
 * {@code matchLabels} pair and every expression must hold; {@code In} needs the label with one of the values,
 * {@code NotIn} its absence or another value, {@code Exists} its presence, {@code DoesNotExist} its absence; an
 * empty selector selects every identity, the reserved ones included. Keys may carry Cilium's source prefix:
 * {@code k8s:} and {@code any:} read the plain label (the edge knows no other label source),
 * {@code reserved:host} and {@code reserved:world} hold, with the empty value, for those reserved identities only.
 */
public final class IdentitySelector {

    private static final int IN = 0;
    private static final int NOT_IN = 1;
    private static final int EXISTS = 2;
    private static final int DOES_NOT_EXIST = 3;

    private record Term(boolean reserved, String key, int operator, String[] values) {
    }

    private final LabelSelector selector;
    private final Term[] terms;

    private IdentitySelector(LabelSelector selector, Term[] terms) {
        this.selector = selector;
        this.terms = terms;
    }

    /** IllegalArgumentException naming the key or operator when a key's source or an operator is not known. */
    public static IdentitySelector of(LabelSelector selector) {
        List<Term> terms = new ArrayList<>();
        for (Map.Entry<String, String> e : selector.matchLabels().entrySet()) {
            terms.add(term(e.getKey(), IN, new String[] {e.getValue()}));
        }
        for (LabelSelector.Requirement r : selector.expressions()) {
            terms.add(term(r.key(), operator(r), r.values().toArray(String[]::new)));
        }
        return new IdentitySelector(selector, terms.toArray(Term[]::new));
    }

    /** As Cilium maps entities: {@code host} and {@code world} to their reserved label, {@code all} to everything. */
    public static IdentitySelector of(Entity entity) {
        return of(switch (entity) {
            case HOST, WORLD -> new LabelSelector(Map.of("reserved:" + entity.text(), ""), List.of());
            case ALL -> LabelSelector.EVERYTHING;
        });
    }

    public LabelSelector selector() {
        return selector;
    }

    public boolean selects(Identity identity) {
        for (Term t : terms) {
            String value = identity.value(t.reserved, t.key);
            boolean holds = switch (t.operator) {
                case IN -> value != null && contains(t.values, value);
                case NOT_IN -> value == null || !contains(t.values, value);
                case EXISTS -> value != null;
                default -> value == null;
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** Whether a term names a reserved label ({@code reserved:host}, {@code reserved:world}). */
    public boolean namesReserved() {
        for (Term t : terms) {
            if (t.reserved) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String[] values, String value) {
        for (String v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static Term term(String key, int operator, String[] values) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            return new Term(false, key, operator, values);
        }
        String source = key.substring(0, colon);
        String plain = key.substring(colon + 1);
        return switch (source) {
            case "k8s", "any" -> new Term(false, plain, operator, values);
            case "reserved" -> new Term(true, plain, operator, values);
            default -> throw new IllegalArgumentException("label key \"" + key + "\": source \"" + source
                    + "\" does not exist at the edge, only k8s:, any: and reserved:");
        };
    }

    private static int operator(LabelSelector.Requirement r) {
        int operator = switch (r.operator()) {
            case "In" -> IN;
            case "NotIn" -> NOT_IN;
            case "Exists" -> EXISTS;
            case "DoesNotExist" -> DOES_NOT_EXIST;
            default -> throw new IllegalArgumentException("label key \"" + r.key() + "\": operator \"" + r.operator()
                    + "\" is not one of In, NotIn, Exists, DoesNotExist");
        };
        if ((operator == IN || operator == NOT_IN) == r.values().isEmpty()) {
            throw new IllegalArgumentException("label key \"" + r.key() + "\": operator " + r.operator()
                    + (r.values().isEmpty() ? " needs at least one value" : " takes no values"));
        }
        return operator;
    }

    @Override
    public String toString() {
        return selector.toString();
    }
}
