package edgebox.dns.rewrite;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import edgebox.dns.answer.Answer;
import edgebox.dns.answer.Query;
import edgebox.dns.answer.Source;

/**
 * The enabled rewrites as an answer source, with AdGuard Home's semantics: rules for the exact name win over
 * wildcards, a longer wildcard over a shorter one; among the rules that apply to the client, a CNAME rule answers
 * every type with the CNAME (its target chased); otherwise A and AAAA get the addresses of their family, and a
 * type with no address (AAAA when only IPv4 is rewritten, MX, TXT...) gets NODATA, unless an {@code A} or
 * {@code AAAA} keyword rule leaves that type to the rest of the chain.
 */
public final class Rewrites implements Source {

    static final String SOURCE = "rewrite";

    public static final Rewrites EMPTY = new Rewrites(List.of(), 10);

    private final List<RewriteRule> rules;
    private final Map<Name, List<RewriteRule>> exact = new HashMap<>();
    private final Map<Name, List<RewriteRule>> wildcards = new HashMap<>();
    private final long ttl;

    public Rewrites(List<RewriteRule> rules, long ttl) {
        this.rules = List.copyOf(rules);
        this.ttl = ttl;
        for (RewriteRule r : rules) {
            if (r.enabled()) {
                (r.wildcard() ? wildcards : exact).computeIfAbsent(r.domain(), k -> new ArrayList<>()).add(r);
            }
        }
    }

    @Override
    public boolean clientSpecific() {
        return rules.stream().anyMatch(r -> r.enabled() && !r.clients().isEmpty());
    }

    /** Every rule, enabled or not, for {@code dns:rewrites}. */
    public List<RewriteRule> rules() {
        return rules;
    }

    @Override
    public Answer answer(Query query) {
        List<RewriteRule> found = applicable(exact.get(query.name()), query);
        Name up = query.name();
        for (int i = 0; i < 128 && found.isEmpty() && up.labels() > 1; i++) {
            up = new Name(up, 1);
            found = applicable(wildcards.get(up), query);
        }
        return found.isEmpty() ? null : answer(query, found);
    }

    private static List<RewriteRule> applicable(List<RewriteRule> rules, Query query) {
        if (rules == null) {
            return List.of();
        }
        List<RewriteRule> out = new ArrayList<>(rules.size());
        for (RewriteRule r : rules) {
            if (r.appliesTo(query.client())) {
                out.add(r);
            }
        }
        return out;
    }

    private Answer answer(Query query, List<RewriteRule> found) {
        int type = query.type();
        List<Record> records = new ArrayList<>();
        for (RewriteRule r : found) {
            if (r.kind() == RewriteRule.Kind.CNAME) {
                Record c = new CNAMERecord(query.name(), DClass.IN, ttl, r.target());
                return Answer.cname(SOURCE, r.object() + ": " + r.text(), List.of(c), r.target(), false);
            }
            if ((r.kind() == RewriteRule.Kind.KEEP_A && type == Type.A)
                    || (r.kind() == RewriteRule.Kind.KEEP_AAAA && type == Type.AAAA)) {
                return null;
            }
        }
        List<String> why = new ArrayList<>();
        for (RewriteRule r : found) {
            if (r.kind() != RewriteRule.Kind.ADDRESS) {
                continue;
            }
            boolean v4 = r.address() instanceof Inet4Address;
            if (type == Type.A && v4) {
                records.add(new ARecord(query.name(), DClass.IN, ttl, r.address()));
                why.add(r.object() + ": " + r.text());
            } else if (type == Type.AAAA && !v4) {
                records.add(new AAAARecord(query.name(), DClass.IN, ttl, r.address()));
                why.add(r.object() + ": " + r.text());
            }
        }
        if (records.isEmpty()) {
            return Answer.noData(SOURCE, found.get(0).object() + ": " + found.get(0).text() + ": no "
                    + Type.string(type) + " rewrite", null, false);
        }
        return Answer.records(SOURCE, String.join(", ", why), records, false);
    }
}
