package edgebox.objects.parse;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import edgebox.api.objects.Gateway;
import edgebox.api.objects.Refs;
import edgebox.api.objects.Meta;
import edgebox.api.objects.Gateway.Listener;
import edgebox.api.objects.LabelSelector;
import edgebox.api.objects.Refs.GroupKind;
import edgebox.api.objects.Refs.SecretRef;

/** Reads and checks a Gateway's spec. */
final class GatewayParser {

    private GatewayParser() {
    }

    static Gateway gateway(Meta meta, In spec) {
        String className = spec.required("gatewayClassName");
        List<String> addresses = new ArrayList<>();
        for (In a : spec.list("addresses", 16)) {
            String type = a.str("type", "IPAddress");
            String value = a.required("value");
            if (!"IPAddress".equals(type)) {
                a.problem("type", "only IPAddress is supported, got \"" + type + "\"");
            } else if (value != null) {
                try {
                    addresses.add(InetAddress.ofLiteral(value).getHostAddress());
                } catch (IllegalArgumentException e) {
                    a.problem("value", "must be an IP address, got \"" + value + "\"");
                }
            }
        }
        List<In> items = spec.list("listeners", 64);
        if (items.isEmpty()) {
            spec.problem("listeners", "at least one listener is required");
        }
        List<Listener> listeners = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> combos = new HashSet<>();
        for (In l : items) {
            Listener listener = listener(meta, l);
            if (!names.add(listener.name())) {
                l.problem("name", "\"" + listener.name() + "\" is used by another listener");
            }
            if (!combos.add(listener.port() + "/" + listener.protocol() + "/" + listener.hostname())) {
                l.problem("the combination of port, protocol and hostname is used by another listener");
            }
            listeners.add(listener);
        }
        return new Gateway(meta, className, addresses, listeners);
    }

    private static Listener listener(Meta meta, In l) {
        String name = l.required("name");
        if (name != null && !Parser.SECTION_NAME.matcher(name).matches()) {
            l.problem("name", "must be a lower case DNS name, got \"" + name + "\"");
        }
        int port = l.integer("port", 1, 65535, 0);
        if (!l.has("port")) {
            l.problem("port", "is required");
        }
        String protocol = l.required("protocol");
        String hostname = Parser.hostname(l, "hostname", true);
        boolean tlsProtocol = "HTTPS".equals(protocol) || "TLS".equals(protocol);
        String mode = "";
        List<SecretRef> certs = new ArrayList<>();
        In tls = l.at("tls");
        if (tls.present() && !tlsProtocol) {
            l.problem("tls", "must not be set for protocol " + protocol);
        } else if (!tls.present() && tlsProtocol) {
            l.problem("tls", "is required for protocol " + protocol);
        } else if (tls.present()) {
            mode = tls.oneOf("mode", "Terminate", "Terminate", "Passthrough");
            if ("HTTPS".equals(protocol) && !"Terminate".equals(mode)) {
                tls.problem("mode", "must be Terminate for protocol HTTPS");
            }
            for (In ref : tls.list("certificateRefs", 64)) {
                String refName = ref.required("name");
                certs.add(new SecretRef(ref.str("group", ""), ref.str("kind", "Secret"),
                        ref.str("namespace", meta.namespace()), refName == null ? "" : refName));
            }
            if ("Terminate".equals(mode) && certs.isEmpty()) {
                tls.problem("certificateRefs", "at least one is required for mode Terminate");
            }
        }
        if (("TCP".equals(protocol) || "UDP".equals(protocol)) && !hostname.isEmpty()) {
            l.problem("hostname", "must not be set for protocol " + protocol);
        }
        In allowed = l.at("allowedRoutes");
        In namespaces = allowed.at("namespaces");
        String from = namespaces.oneOf("from", "Same", "All", "Same", "Selector");
        LabelSelector selector = null;
        if ("Selector".equals(from)) {
            if (!namespaces.has("selector")) {
                namespaces.problem("selector", "is required when from is Selector");
            } else {
                selector = selector(namespaces.at("selector"));
            }
        }
        List<GroupKind> kinds = new ArrayList<>();
        for (In k : allowed.list("kinds", 8)) {
            String kind = k.required("kind");
            kinds.add(new GroupKind(k.str("group", Refs.GATEWAY_GROUP), kind == null ? "" : kind));
        }
        return new Listener(name == null ? "" : name, hostname, port, protocol == null ? "" : protocol, mode,
                certs, from, selector, kinds);
    }

    static LabelSelector selector(In s) {
        List<LabelSelector.Requirement> expressions = new ArrayList<>();
        for (In x : s.list("matchExpressions", 32)) {
            String key = x.required("key");
            String op = x.oneOf("operator", "Exists", "In", "NotIn", "Exists", "DoesNotExist");
            List<String> values = x.strings("values", 64);
            if (("In".equals(op) || "NotIn".equals(op)) && values.isEmpty()) {
                x.problem("values", "at least one value is required for operator " + op);
            }
            if (("Exists".equals(op) || "DoesNotExist".equals(op)) && !values.isEmpty()) {
                x.problem("values", "must be empty for operator " + op);
            }
            expressions.add(new LabelSelector.Requirement(key == null ? "" : key, op, values));
        }
        return new LabelSelector(s.stringMap("matchLabels"), expressions);
    }
}
