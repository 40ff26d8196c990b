package edgebox.proxy.route;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.objects.Gateway;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.Gateway.Listener;
import edgebox.api.objects.Refs;
import edgebox.api.objects.Refs.GroupKind;
import edgebox.api.objects.Refs.SecretRef;
import edgebox.api.objects.Route;
import edgebox.proxy.route.ListenerInfo.Protocol;
import edgebox.proxy.route.ListenerInfo.TlsMode;
import edgebox.proxy.route.Status.Condition;
import edgebox.proxy.route.Status.GatewayStatus;
import edgebox.proxy.route.Status.ListenerStatus;

/**
 * Our Gateways' listeners during a compile: protocol and certificate checks, allowed kinds, conflicts between
 * listeners sharing an address and port, and at the end the port tables and the Gateway status.
 */
final class Listeners {

    private final ObjectSnapshot objects;
    private final Backends backends;
    private final Set<String> secrets;
    private final Map<String, Gateway> gateways = new LinkedHashMap<>();
    private final Map<String, List<ListenerState>> byGateway = new HashMap<>();
    private final Map<String, List<InetAddress>> addresses = new HashMap<>();

    Listeners(ObjectSnapshot objects, Backends backends, Set<String> secrets) {
        this.objects = objects;
        this.backends = backends;
        this.secrets = secrets;
    }

    boolean ours(Gateway g) {
        return objects.served(g);
    }

    Gateway gateway(String key) {
        return gateways.get(key);
    }

    List<ListenerState> of(Gateway g) {
        return byGateway.getOrDefault(g.meta().key(), List.of());
    }

    List<InetAddress> addresses(Gateway g) {
        return addresses.getOrDefault(g.meta().key(), List.of());
    }

    void add(Gateway g) {
        String key = g.meta().key();
        gateways.put(key, g);
        if (!ours(g)) {
            return;
        }
        List<String> literal = objects.bindAddresses(g);
        addresses.put(key, literal.stream().map(InetAddress::ofLiteral).toList());
        List<ListenerState> states = new ArrayList<>();
        for (Listener l : g.listeners()) {
            states.add(check(g, l));
        }
        byGateway.put(key, states);
    }

    private ListenerState check(Gateway g, Listener l) {
        ListenerState s = new ListenerState(g, l);
        Protocol protocol = switch (l.protocol()) {
            case "HTTP" -> Protocol.HTTP;
            case "HTTPS" -> Protocol.HTTPS;
            case "TLS" -> Protocol.TLS;
            default -> null;
        };
        if (protocol == null) {
            s.unsupported = "protocol " + l.protocol() + " is not supported (HTTP, HTTPS, TLS)";
        }
        Set<String> defaults = protocol == Protocol.TLS ? Set.of(Route.TLS) : Set.of(Route.HTTP, Route.GRPC);
        if (l.kinds().isEmpty()) {
            s.kinds = defaults;
        } else {
            Set<String> kinds = new LinkedHashSet<>();
            List<String> invalid = new ArrayList<>();
            for (GroupKind k : l.kinds()) {
                if (Refs.GATEWAY_GROUP.equals(k.group()) && defaults.contains(k.kind())) {
                    kinds.add(k.kind());
                } else {
                    invalid.add(k.group() + "/" + k.kind());
                }
            }
            s.kinds = kinds;
            if (!invalid.isEmpty()) {
                s.refsReason = "InvalidRouteKinds";
                s.refsProblem = "route kinds " + invalid + " are not supported on protocol " + l.protocol();
            }
        }
        List<String> certs = new ArrayList<>();
        if (protocol == Protocol.HTTPS || protocol == Protocol.TLS && "Terminate".equals(l.tlsMode())) {
            List<String> problems = new ArrayList<>();
            for (SecretRef ref : l.certificateRefs()) {
                if (!ref.group().isEmpty() || !"Secret".equals(ref.kind())) {
                    s.refsReason = "InvalidCertificateRef";
                    problems.add(ref.kind() + " " + ref.key() + " is not a Secret");
                } else if (!backends.permitted("Gateway", g.meta().namespace(), "", "Secret", ref.namespace(),
                        ref.name())) {
                    s.refsReason = "RefNotPermitted";
                    problems.add("Secret " + ref.key() + " is in another namespace and no ReferenceGrant permits it");
                } else {
                    certs.add(ref.key());
                    if (!secrets.contains(ref.key())) {
                        s.refsReason = "InvalidCertificateRef";
                        problems.add("Secret " + ref.key() + " not found (served once a certificate source has it)");
                    }
                }
            }
            s.certsMissing = certs.isEmpty();
            if (!problems.isEmpty()) {
                s.refsProblem = String.join("; ", problems);
            }
        }
        TlsMode mode = switch (l.tlsMode()) {
            case "Terminate" -> TlsMode.TERMINATE;
            case "Passthrough" -> TlsMode.PASSTHROUGH;
            default -> TlsMode.NONE;
        };
        s.info = new ListenerInfo(g.meta().key(), l.name(), l.port(), protocol == null ? Protocol.HTTP : protocol,
                l.hostname(), mode, certs);
        return s;
    }

    /** Listeners on one address and port must all be HTTP or all TLS, with distinct hostnames; later ones lose. */
    void detectConflicts() {
        for (Map.Entry<InetSocketAddress, List<ListenerState>> e : grouped().entrySet()) {
            Boolean tls = null;
            Set<String> hostnames = new HashSet<>();
            for (ListenerState s : e.getValue()) {
                boolean isTls = s.info.protocol() != Protocol.HTTP;
                if (tls == null) {
                    tls = isTls;
                }
                if (tls != isTls) {
                    s.conflict = "ProtocolConflict";
                } else if (!hostnames.add(s.listener.hostname())) {
                    s.conflict = "HostnameConflict";
                }
            }
        }
    }

    /** Supported listeners by bound address, in Gateway order. */
    private Map<InetSocketAddress, List<ListenerState>> grouped() {
        Map<InetSocketAddress, List<ListenerState>> out = new LinkedHashMap<>();
        for (Gateway g : gateways.values()) {
            for (ListenerState s : of(g)) {
                if (!s.unsupported.isEmpty()) {
                    continue;
                }
                for (InetAddress a : addresses(g)) {
                    out.computeIfAbsent(new InetSocketAddress(a, s.listener.port()), k -> new ArrayList<>()).add(s);
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    Map<InetSocketAddress, PortTable> ports() {
        Map<InetSocketAddress, PortTable> out = new LinkedHashMap<>();
        grouped().forEach((address, states) -> {
            List<ListenerState> live = new ArrayList<>(states.stream().filter(ListenerState::programmed).toList());
            if (live.isEmpty()) {
                return;
            }
            live.sort(Comparator.comparingInt((ListenerState s) -> Hosts.specificity(s.listener.hostname()))
                    .reversed());
            int n = live.size();
            ListenerInfo[] infos = new ListenerInfo[n];
            HostIndex<Entry>[] http = new HostIndex[n];
            HostIndex<CompiledPort.PassthroughTarget>[] pass = new HostIndex[n];
            for (int i = 0; i < n; i++) {
                ListenerState s = live.get(i);
                infos[i] = s.info;
                http[i] = s.http() ? new HostIndex<>(s.entries, Precedence.ORDER) : null;
                pass[i] = s.http() ? null : new HostIndex<>(s.passthrough,
                        Comparator.comparing(CompiledPort.PassthroughTarget::order, Precedence.ROUTE));
            }
            out.put(address, new CompiledPort(infos[0].protocol() != Protocol.HTTP, infos, http, pass));
        });
        return out;
    }

    GatewayStatus status(Gateway g) {
        List<String> addressText = addresses(g).stream().map(InetAddress::getHostAddress).toList();
        if (!ours(g)) {
            return new GatewayStatus(g.meta().key(), g.className(), false, addressText, List.of(), List.of());
        }
        List<ListenerStatus> ls = new ArrayList<>();
        boolean any = false;
        for (ListenerState s : of(g)) {
            any |= s.programmed();
            List<Condition> c = new ArrayList<>();
            c.add(s.unsupported.isEmpty() ? new Condition("Accepted", true, "Accepted", "")
                    : new Condition("Accepted", false, "UnsupportedProtocol", s.unsupported));
            c.add(s.conflict.isEmpty() ? new Condition("Conflicted", false, "NoConflicts", "")
                    : new Condition("Conflicted", true, s.conflict, s.conflict.equals("ProtocolConflict")
                            ? "another listener on port " + s.listener.port() + " speaks another protocol"
                            : "another listener on port " + s.listener.port() + " has the same hostname"));
            c.add(s.refsProblem.isEmpty() ? new Condition("ResolvedRefs", true, "ResolvedRefs", "")
                    : new Condition("ResolvedRefs", false, s.refsReason, s.refsProblem));
            c.add(s.programmed() ? new Condition("Programmed", true, "Programmed", "")
                    : new Condition("Programmed", false, "Invalid", "listener is not served"));
            ls.add(new ListenerStatus(s.listener.name(), s.listener.port(), s.listener.protocol(),
                    s.listener.hostname(), s.attachedRoutes, c));
        }
        List<Condition> gc = List.of(new Condition("Accepted", true, "Accepted", ""),
                any ? new Condition("Programmed", true, "Programmed", "")
                        : new Condition("Programmed", false, "Invalid", "no listener is served"));
        return new GatewayStatus(g.meta().key(), g.className(), true, addressText, gc, ls);
    }
}
