package edgebox.dns.gateway;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import edgebox.api.route.RouteHostname;
import edgebox.dns.answer.Answer;
import edgebox.dns.answer.Query;
import edgebox.dns.answer.Source;

/**
 * Answers like k8s_gateway: every hostname of every route attached to a Gateway answers A and AAAA with that
 * Gateway's addresses of the family asked, NODATA for a family it lacks (never a made-up address) and for other
 * types. Exact hostnames win over wildcards, the longest wildcard over shorter ones; {@code *.x} matches every name
 * below {@code x}. For the gateway domains (the zones it is authoritative for, such as {@code ragas.cc}) it also
 * answers the apex SOA and NS and NXDOMAIN with that SOA for the names no route has (a yielding answer, so later
 * local sources may still claim them). Built per route table change; lookups walk labels, nothing else.
 */
public final class GatewayAnswers implements Source {

    static final String SOURCE = "gateway";

    public static final GatewayAnswers EMPTY = new GatewayAnswers(List.of(), List.of(), 60, 0);

    private record Target(List<InetAddress> v4, List<InetAddress> v6, String why) {
    }

    private final Map<Name, Target> exact = new HashMap<>();
    private final Map<Name, Target> wildcards = new HashMap<>();
    private final Map<Name, SOARecord> domains = new HashMap<>();
    private final long ttl;
    private final List<RouteHostname> hostnames;

    public GatewayAnswers(List<RouteHostname> hostnames, List<Name> gatewayDomains, long ttl, long serial) {
        this.ttl = ttl;
        this.hostnames = List.copyOf(hostnames);
        Map<Name, List<RouteHostname>> byName = new HashMap<>();
        for (RouteHostname h : hostnames) {
            Name n = name(h.wildcard() ? h.hostname().substring(2) : h.hostname());
            if (n != null) {
                byName.computeIfAbsent(h.wildcard() ? Name.fromConstantString("*." + n) : n,
                        k -> new ArrayList<>()).add(h);
            }
        }
        byName.forEach((n, hs) -> (n.isWild() ? wildcards : exact).put(n.isWild() ? new Name(n, 1) : n, target(hs)));
        for (Name d : gatewayDomains) {
            domains.put(d, new SOARecord(d, DClass.IN, ttl, Name.fromConstantString("ns." + d),
                    Name.fromConstantString("hostmaster." + d), Math.max(1, serial), 3600, 600, 86400, ttl));
        }
    }

    private static Name name(String host) {
        try {
            return Name.fromString(host, Name.root);
        } catch (TextParseException e) {
            return null;
        }
    }

    private static Target target(List<RouteHostname> hs) {
        Set<InetAddress> v4 = new LinkedHashSet<>();
        Set<InetAddress> v6 = new LinkedHashSet<>();
        Set<String> why = new LinkedHashSet<>();
        for (RouteHostname h : hs) {
            h.addresses().forEach(a -> (a instanceof Inet4Address ? v4 : v6).add(a));
            why.add(h.source() + " on Gateway " + h.gateway());
        }
        return new Target(List.copyOf(v4), List.copyOf(v6), String.join(", ", why));
    }

    public List<RouteHostname> hostnames() {
        return hostnames;
    }

    public int size() {
        return exact.size() + wildcards.size();
    }

    @Override
    public Answer answer(Query query) {
        Name name = query.name();
        Target t = exact.get(name);
        String how = "";
        if (t == null) {
            Name up = name;
            for (int i = 0; i < 128 && t == null && up.labels() > 2; i++) {
                up = new Name(up, 1);
                t = wildcards.get(up);
            }
            how = t == null ? "" : "wildcard *." + up + ": ";
        }
        SOARecord soa = domainSoa(name);
        if (t != null) {
            return addresses(query, t, how + t.why(), soa);
        }
        if (soa == null) {
            return null;
        }
        if (name.equals(soa.getName())) {
            return apex(query.type(), soa);
        }
        return Answer.nxDomain(SOURCE, "gateway domain " + soa.getName() + ": no route has this hostname", soa, true)
                .asYielding();
    }

    private Answer addresses(Query query, Target t, String why, SOARecord soa) {
        int type = query.type();
        List<InetAddress> family = type == Type.A ? t.v4() : type == Type.AAAA ? t.v6() : List.of();
        if (family.isEmpty()) {
            return Answer.noData(SOURCE, why + ": no " + Type.string(type) + " address", soa, true);
        }
        List<Record> out = new ArrayList<>(family.size());
        for (InetAddress a : family) {
            out.add(type == Type.A ? new ARecord(query.name(), DClass.IN, ttl, a)
                    : new AAAARecord(query.name(), DClass.IN, ttl, a));
        }
        return Answer.records(SOURCE, why, out, true);
    }

    private Answer apex(int type, SOARecord soa) {
        Name d = soa.getName();
        if (type == Type.SOA) {
            return Answer.records(SOURCE, "gateway domain " + d + " SOA", List.of(soa), true);
        }
        if (type == Type.NS) {
            return Answer.records(SOURCE, "gateway domain " + d + " NS",
                    List.of(new NSRecord(d, DClass.IN, ttl, soa.getHost())), true);
        }
        return Answer.noData(SOURCE, "gateway domain " + d + " apex has no " + Type.string(type), soa, true);
    }

    private SOARecord domainSoa(Name name) {
        if (domains.isEmpty()) {
            return null;
        }
        Name up = name;
        for (int i = 0; i < 128; i++) {
            SOARecord soa = domains.get(up);
            if (soa != null || up.labels() <= 1) {
                return soa;
            }
            up = new Name(up, 1);
        }
        return null;
    }
}
