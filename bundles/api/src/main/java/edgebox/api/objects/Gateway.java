package edgebox.api.objects;

import java.util.List;

import edgebox.api.objects.Refs.GroupKind;
import edgebox.api.objects.Refs.SecretRef;

/** A Gateway: its class, addresses and listeners. */
public record Gateway(Meta meta, String className, List<String> addresses, List<Listener> listeners)
        implements KubeObject {

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
            List<SecretRef> certificateRefs, String from, LabelSelector selector, List<GroupKind> kinds) {

        public Listener {
            certificateRefs = List.copyOf(certificateRefs);
            kinds = List.copyOf(kinds);
        }
    }
}
