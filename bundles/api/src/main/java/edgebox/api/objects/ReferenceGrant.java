package edgebox.api.objects;

import java.util.List;

/** A ReferenceGrant: objects of the {@code from} kinds and namespaces may refer to the {@code to} objects here. */
public record ReferenceGrant(Meta meta, List<From> from, List<To> to) implements KubeObject {

    public ReferenceGrant {
        from = List.copyOf(from);
        to = List.copyOf(to);
    }

    @Override
    public String kind() {
        return "ReferenceGrant";
    }

    public record From(String group, String kind, String namespace) {
    }

    /** {@code name} empty: every object of the kind. */
    public record To(String group, String kind, String name) {
    }

    /** Whether a {@code fromKind} in {@code fromNamespace} may refer to {@code toKind/toName} in this namespace. */
    public boolean permits(String fromGroup, String fromKind, String fromNamespace, String toGroup, String toKind,
            String toName) {
        boolean fromOk = from.stream().anyMatch(f -> f.group().equals(fromGroup) && f.kind().equals(fromKind)
                && f.namespace().equals(fromNamespace));
        return fromOk && to.stream().anyMatch(t -> t.group().equals(toGroup) && t.kind().equals(toKind)
                && (t.name().isEmpty() || t.name().equals(toName)));
    }
}
