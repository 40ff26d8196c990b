package edgebox.api.objects;

/** References between objects. */
public final class Refs {

    private Refs() {
    }

    /** A route's parentRef; {@code port} 0 and {@code sectionName} empty when unset. */
    public record ParentRef(String group, String kind, String namespace, String name, String sectionName, int port) {

        public String display() {
            return namespace + "/" + name + (sectionName.isEmpty() ? "" : "/" + sectionName)
                    + (port == 0 ? "" : ":" + port);
        }
    }

    /** A backendRef or a mirror's backendRef; {@code port} 0 when unset. */
    public record BackendRef(String group, String kind, String namespace, String name, int port, int weight) {

        public String display() {
            return namespace + "/" + name + (port == 0 ? "" : ":" + port);
        }
    }

    /** A listener's certificateRef. */
    public record SecretRef(String group, String kind, String namespace, String name) {

        public String key() {
            return namespace + "/" + name;
        }
    }

    /** A route kind a listener allows. */
    public record GroupKind(String group, String kind) {
    }

    public static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
}
