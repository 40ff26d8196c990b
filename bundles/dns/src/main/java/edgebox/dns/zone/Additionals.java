package edgebox.dns.zone;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * The additional section of a zone's NS, MX and SRV RRsets, computed once per zone (RFC 1034 section 4.3.2 step 6,
 * RFC 9471): for a delegation's NS the glue, in-domain glue (names at or below the cut) first and counted as
 * mandatory, then the addresses of other targets the zone holds; for other NS, MX and SRV RRsets the addresses of
 * their targets in the zone's authoritative data (not below a cut). Looked up by the identity of the RRset's list.
 */
final class Additionals {

    private final Map<List<Record>, List<Record>> records;
    private final Map<List<Record>, Integer> mandatory;

    private Additionals(Map<List<Record>, List<Record>> records, Map<List<Record>, Integer> mandatory) {
        this.records = records;
        this.mandatory = mandatory;
    }

    /** {@code nodes}: the zone's frozen index, whose RRset lists are the keys. */
    static Additionals of(Name origin, Map<Name, Map<Integer, List<Record>>> nodes) {
        Map<List<Record>, List<Record>> records = new IdentityHashMap<>();
        Map<List<Record>, Integer> mandatory = new IdentityHashMap<>();
        nodes.forEach((name, types) -> types.forEach((type, rrset) -> {
            if (type != Type.NS && type != Type.MX && type != Type.SRV) {
                return;
            }
            boolean cut = type == Type.NS && !name.equals(origin);
            List<Record> inDomain = new ArrayList<>();
            List<Record> other = new ArrayList<>();
            for (Name target : targets(rrset)) {
                if (cut && target.subdomain(name)) {
                    addresses(nodes, target, inDomain);
                } else if (target.subdomain(origin) && (cut || !occluded(origin, target, nodes))) {
                    addresses(nodes, target, other);
                }
            }
            if (!inDomain.isEmpty() || !other.isEmpty()) {
                inDomain.addAll(other);
                records.put(rrset, List.copyOf(inDomain));
                mandatory.put(rrset, inDomain.size() - other.size());
            }
        }));
        return new Additionals(records, mandatory);
    }

    List<Record> of(List<Record> rrset) {
        return records.getOrDefault(rrset, List.of());
    }

    int mandatory(List<Record> rrset) {
        return mandatory.getOrDefault(rrset, 0);
    }

    private static Set<Name> targets(List<Record> rrset) {
        Set<Name> out = new LinkedHashSet<>();
        for (Record r : rrset) {
            if (r instanceof NSRecord ns) {
                out.add(ns.getTarget());
            } else if (r instanceof MXRecord mx) {
                out.add(mx.getTarget());
            } else if (r instanceof SRVRecord srv) {
                out.add(srv.getTarget());
            }
        }
        return out;
    }

    private static void addresses(Map<Name, Map<Integer, List<Record>>> nodes, Name target, List<Record> out) {
        Map<Integer, List<Record>> node = nodes.get(target);
        if (node != null) {
            out.addAll(node.getOrDefault(Type.A, List.of()));
            out.addAll(node.getOrDefault(Type.AAAA, List.of()));
        }
    }

    /** Whether {@code name} lies at or below a delegation of the zone, so it is not the zone's own data. */
    private static boolean occluded(Name origin, Name name, Map<Name, Map<Integer, List<Record>>> nodes) {
        for (Name n = name; n.labels() > origin.labels(); n = new Name(n, 1)) {
            Map<Integer, List<Record>> node = nodes.get(n);
            if (node != null && node.containsKey(Type.NS)) {
                return true;
            }
        }
        return false;
    }
}
