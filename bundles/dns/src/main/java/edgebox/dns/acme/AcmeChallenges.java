package edgebox.dns.acme;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import edgebox.dns.answer.Answer;
import edgebox.dns.answer.Query;
import edgebox.dns.answer.Source;

/**
 * The ACME DNS-01 challenge records (RFC 8555 section 8.4), first in the chain. Publishing swaps an immutable map and
 * moves the {@link #version} on (so replies kept from the chain end), so the TXT is served by the next query: when
 * {@link #publish} returns, it is live. Several values may share a
 * name (a wildcard and its apex). TTL 0, so no resolver keeps a withdrawn value. Answered to every client.
 */
public final class AcmeChallenges implements Source {

    static final String SOURCE = "acme";

    private volatile Map<Name, List<Record>> records = Map.of();
    private volatile long version;
    private final Map<Name, Set<String>> values = new HashMap<>();

    public synchronized void publish(String name, String value) {
        Name n = name(name);
        values.computeIfAbsent(n, k -> new LinkedHashSet<>()).add(value);
        swap();
    }

    public synchronized void withdraw(String name, String value) {
        Name n = name(name);
        Set<String> v = values.get(n);
        if (v != null && v.remove(value) && v.isEmpty()) {
            values.remove(n);
        }
        swap();
    }

    public Map<Name, List<Record>> records() {
        return records;
    }

    private void swap() {
        Map<Name, List<Record>> next = new HashMap<>();
        values.forEach((n, vs) -> {
            List<Record> txt = new ArrayList<>();
            vs.forEach(v -> txt.add(new TXTRecord(n, DClass.IN, 0, v)));
            next.put(n, List.copyOf(txt));
        });
        records = Map.copyOf(next);
        version++;
    }

    /** Changes with every publish and withdraw, after the records it made are live. */
    @Override
    public long version() {
        return version;
    }

    private static Name name(String name) {
        try {
            Name n = Name.fromString(name, Name.root);
            if (!n.getLabelString(0).equalsIgnoreCase("_acme-challenge")) {
                throw new IllegalArgumentException("DNS-01 record " + name + ": name must start with _acme-challenge.");
            }
            return n;
        } catch (TextParseException e) {
            throw new IllegalArgumentException("DNS-01 record " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Answer answer(Query query) {
        List<Record> txt = records.get(query.name());
        if (txt == null) {
            return null;
        }
        if (query.type() != Type.TXT) {
            return Answer.noData(SOURCE, "ACME challenge name has only TXT", null, true);
        }
        List<Record> out = new ArrayList<>(txt.size());
        txt.forEach(r -> out.add(r.withName(query.name())));
        return Answer.records(SOURCE, "ACME DNS-01 challenge, " + txt.size() + " value(s)", out, true);
    }
}
