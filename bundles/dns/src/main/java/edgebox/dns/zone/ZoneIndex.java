package edgebox.dns.zone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.HINFORecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

import edgebox.dns.answer.Answer;
import edgebox.dns.answer.Responder;

/**
 * One authoritative zone as an immutable index by name. Lookups follow RFC 1034 section 4.3.2 and RFC 4592:
 * delegations below the origin give a referral, an existing name without the type (an empty non-terminal too)
 * NODATA, a name below a DNAME owner the DNAME and a CNAME synthesized from it (RFC 6672 section 3.2: the DNAME's TTL,
 * its target chased like any CNAME's; YXDOMAIN when the new name is too long), a missing name the wildcard at its
 * closest encloser or NXDOMAIN; negative answers carry the SOA with the RFC 2308 TTL; ANY gets the RFC 8482 HINFO at
 * a name with records, the CNAME at an alias and NODATA at an empty non-terminal. No locks (dnsjava's Zone takes one
 * per lookup and treats empty non-terminals as missing).
 */
public final class ZoneIndex {

    static final String SOURCE = Responder.ZONES;
    static final long DEFAULT_ANY_TTL = 3600;

    private final String object;
    private final Name origin;
    private final SOARecord negativeSoa;
    private final Map<Name, Map<Integer, List<Record>>> nodes;
    private final Set<Name> names;
    private final Additionals additionals;
    private final boolean dnames;
    private final int size;

    private ZoneIndex(String object, Name origin, SOARecord negativeSoa, Map<Name, Map<Integer, List<Record>>> nodes,
            Set<Name> names, int size) {
        this.additionals = Additionals.of(origin, nodes);
        this.object = object;
        this.origin = origin;
        this.negativeSoa = negativeSoa;
        this.nodes = nodes;
        this.names = names;
        this.size = size;
        this.dnames = nodes.values().stream().anyMatch(types -> types.containsKey(Type.DNAME));
    }

    static ZoneIndex of(String object, String field, Name origin, SOARecord soa, List<Record> records) {
        Map<Name, Map<Integer, List<Record>>> nodes = new HashMap<>();
        Set<Name> names = new HashSet<>();
        for (Record r : records) {
            nodes.computeIfAbsent(r.getName(), n -> new HashMap<>())
                    .computeIfAbsent(r.getRRsetType(), t -> new ArrayList<>()).add(r);
            for (Name n = r.getName(); n.labels() >= origin.labels(); n = new Name(n, 1)) {
                if (!names.add(n)) {
                    break;
                }
            }
        }
        Map<Name, Map<Integer, List<Record>>> frozen = new HashMap<>();
        nodes.forEach((name, types) -> {
            if (types.containsKey(Type.CNAME) && types.size() > 1) {
                throw new IllegalArgumentException(object + ": " + field + ": " + name
                        + ": a CNAME cannot share its name with other records");
            }
            Map<Integer, List<Record>> t = new HashMap<>();
            types.forEach((type, list) -> t.put(type, List.copyOf(list)));
            frozen.put(name, Map.copyOf(t));
        });
        long negTtl = Math.min(soa.getTTL(), soa.getMinimum());
        SOARecord neg = new SOARecord(soa.getName(), DClass.IN, negTtl, soa.getHost(), soa.getAdmin(),
                soa.getSerial(), soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
        return new ZoneIndex(object, origin, neg, Map.copyOf(frozen), Set.copyOf(names), records.size());
    }

    public Name origin() {
        return origin;
    }

    public String object() {
        return object;
    }

    public int size() {
        return size;
    }

    /** Every record, for {@code dns:records}. */
    public List<Record> records() {
        List<Record> all = new ArrayList<>();
        nodes.values().forEach(types -> types.values().forEach(all::addAll));
        all.sort(null);
        return all;
    }

    /** The answer for a name inside this zone (the caller checked {@code name.subdomain(origin)}). */
    public Answer lookup(Name name, int type) {
        String zone = "zone " + origin;
        int labels = name.labels();
        if (dnames && labels > origin.labels() && nodes.get(origin).containsKey(Type.DNAME)) {
            return dname(nodes.get(origin).get(Type.DNAME), name, zone);
        }
        for (int t = origin.labels() + 1; t <= labels; t++) {
            Name cut = t == labels ? name : new Name(name, labels - t);
            if (!names.contains(cut)) {
                break;
            }
            Map<Integer, List<Record>> node = nodes.get(cut);
            List<Record> ns = node == null ? null : node.get(Type.NS);
            if (ns != null && !(t == labels && type == Type.DS)) {
                return Answer.referral(SOURCE, zone + ": referral to the delegation " + cut, ns,
                        additionals.of(ns), additionals.mandatory(ns));
            }
            List<Record> dname = dnames && t < labels && node != null ? node.get(Type.DNAME) : null;
            if (dname != null) {
                return dname(dname, name, zone);
            }
        }
        if (names.contains(name)) {
            return atName(nodes.get(name), name, type, zone + ": " + name, false);
        }
        Name encloser = name;
        for (int i = 0; i < 128 && encloser.labels() > origin.labels(); i++) {
            encloser = new Name(encloser, 1);
            if (names.contains(encloser)) {
                break;
            }
        }
        Name wild = Name.fromConstantString("*." + encloser);
        Map<Integer, List<Record>> node = nodes.get(wild);
        if (node != null) {
            return atName(node, name, type, zone + ": wildcard " + wild, true);
        }
        return Answer.nxDomain(SOURCE, zone + ": no such name", negativeSoa, true).asYielding();
    }

    /** RFC 6672 section 3.2: the DNAME, then the CNAME from {@code name} to its substitute, which the chain chases. */
    private static Answer dname(List<Record> rrset, Name name, String zone) {
        DNAMERecord dname = (DNAMERecord) rrset.get(0);
        String why = zone + ": DNAME " + dname.getName() + " -> " + dname.getTarget();
        Name target;
        try {
            target = name.fromDNAME(dname);
        } catch (NameTooLongException e) {
            return new Answer(Rcode.YXDOMAIN, rrset, List.of(), true, SOURCE, why + ": " + name
                    + " would be longer than 255 bytes", null, false, null);
        }
        CNAMERecord cname = new CNAMERecord(name, DClass.IN, dname.getTTL(), target);
        return Answer.cname(SOURCE, why + ": CNAME " + target, List.of(dname, cname), target, true);
    }

    private Answer atName(Map<Integer, List<Record>> node, Name name, int type, String why, boolean synthesize) {
        if (type == Type.ANY && node != null && !node.containsKey(Type.CNAME)) {
            return Answer.records(SOURCE, why + ": ANY answered with HINFO (RFC 8482)",
                    List.of(new HINFORecord(name, DClass.IN, DEFAULT_ANY_TTL, "RFC8482", "")), true);
        }
        List<Record> found = node == null ? null : node.get(type);
        if (found != null) {
            List<Record> records = named(found, name, synthesize);
            if (type == Type.NS || type == Type.MX || type == Type.SRV) {
                return Answer.records(SOURCE, why + " " + Type.string(type), records, additionals.of(found), true);
            }
            return Answer.records(SOURCE, why + " " + Type.string(type), records, true);
        }
        List<Record> cname = node == null ? null : node.get(Type.CNAME);
        if (cname != null) {
            Name target = ((CNAMERecord) cname.get(0)).getTarget();
            return Answer.cname(SOURCE, why + " CNAME " + target, named(cname, name, synthesize), target, true);
        }
        return Answer.noData(SOURCE, why + (node == null ? " (empty non-terminal)" : "") + " has no "
                + Type.string(type), negativeSoa, true);
    }

    private static List<Record> named(List<Record> records, Name name, boolean synthesize) {
        if (!synthesize) {
            return records;
        }
        List<Record> out = new ArrayList<>(records.size());
        records.forEach(r -> out.add(r.withName(name)));
        return out;
    }
}
