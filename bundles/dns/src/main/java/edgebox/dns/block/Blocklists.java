package edgebox.dns.block;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import edgebox.api.net.Cidr;
import edgebox.dns.answer.Answer;
import edgebox.dns.answer.Query;
import edgebox.dns.answer.Source;

/**
 * Every configured filter list merged into one {@link RuleIndex}. Of the rules that match the name (a
 * {@code ||name^} rule also matches every name below it) and the client, the strongest decides, in AdGuard Home's
 * order: {@code $dnsrewrite}, then {@code @@...$important}, {@code ...$important}, {@code @@...}, and a plain block;
 * among equals the rule on the longest name. Blocked names get NXDOMAIN or, in {@code zero} mode, 0.0.0.0 for A,
 * :: for AAAA and NODATA for other types; the reason names the list, line and rule. The reply carries RFC 8914's
 * extended error 17 Filtered when the deciding rule applies to some clients only ({@code $client}), 15 Blocked when
 * it applies to every client (a list-wide block of the same strength decides over a {@code $client} one, so a name
 * blocked for everyone says Blocked).
 */
public final class Blocklists implements Source {

    static final String SOURCE = "block";
    private static final InetAddress ZERO4 = address(new byte[4]);
    private static final InetAddress ZERO6 = address(new byte[16]);

    public static final Blocklists EMPTY = new Blocklists(List.of(), 10);

    private final List<FilterList> lists;
    private final RuleIndex index;
    private final long ttl;
    private final int blocks;
    private final int allows;
    private final int unsupported;
    private final boolean clientSpecific;

    public Blocklists(List<FilterList> lists, long ttl) {
        this.lists = List.copyOf(lists);
        this.index = new RuleIndex(this.lists);
        this.ttl = ttl;
        int a = 0;
        int skipped = 0;
        boolean scoped = false;
        for (FilterList f : this.lists) {
            scoped |= f.hasClientRules();
            a += f.exceptions();
            skipped += f.unsupported();
        }
        this.blocks = index.rules() - a;
        this.allows = a;
        this.unsupported = skipped;
        this.clientSpecific = scoped;
    }

    @Override
    public boolean clientSpecific() {
        return clientSpecific;
    }

    private static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Blocking and rewriting rules. */
    public int size() {
        return blocks;
    }

    /** Exception ({@code @@}) rules. */
    public int allowed() {
        return allows;
    }

    public int unsupported() {
        return unsupported;
    }

    /** The lists, in the order they were given. */
    public List<FilterList> lists() {
        return lists;
    }

    @Override
    public Answer answer(Query query) {
        if (index.rules() == 0) {
            return null;
        }
        byte[] wire = query.name().toWireCanonical();
        int best = -1;
        int bestRank = 0;
        int bestAt = 0;
        for (int at = 0, level = 0; wire[at] != 0; at += wire[at] + 1, level++) {
            for (int g = index.first(wire, at, wire.length); g >= 0; g = index.next(g)) {
                int rank = rank(g, level, query.client());
                if (rank > bestRank || (rank == bestRank && rank > 0 && rank != REWRITE_RANK && forSome(best)
                        && !forSome(g))) {
                    best = g;
                    bestRank = rank;
                    bestAt = at;
                }
            }
        }
        if (best < 0 || (index.listOf(best).flags(index.local(best)) & FilterList.ALLOW) != 0) {
            return null;
        }
        if (bestRank == REWRITE_RANK) {
            return rewrite(query, wire, bestAt, bestAt == 0 ? 0 : 1);
        }
        FilterList f = index.listOf(best);
        return block(query, f.mode(), "blocked by " + f.describe(index.local(best)))
                .withEde(forSome(best) ? ExtendedErrorCodeOption.FILTERED : ExtendedErrorCodeOption.BLOCKED);
    }

    private static final int REWRITE_RANK = 5;

    /** Whether rule {@code g} applies to some clients only ({@code $client}). */
    private boolean forSome(int g) {
        return (index.listOf(g).flags(index.local(g)) & FilterList.CLIENT) != 0;
    }

    /** How strong rule {@code g} is for this client at this depth; 0 when it does not apply. */
    private int rank(int g, int level, InetAddress client) {
        FilterList f = index.listOf(g);
        int r = index.local(g);
        byte fl = f.flags(r);
        if (level > 0 && (fl & FilterList.TREE) == 0) {
            return 0;
        }
        if ((fl & FilterList.CLIENT) != 0 && !Cidr.anyContains(f.modifiers(r).clients(), client)) {
            return 0;
        }
        if ((fl & FilterList.REWRITE) != 0) {
            return REWRITE_RANK;
        }
        boolean allow = (fl & FilterList.ALLOW) != 0;
        if ((fl & FilterList.IMPORTANT) != 0) {
            return allow ? 4 : 3;
        }
        return allow ? 2 : 1;
    }

    /** Every applicable {@code $dnsrewrite} rule of the name at {@code at}: an rcode, a CNAME, or the records. */
    private Answer rewrite(Query query, byte[] wire, int at, int level) {
        List<Record> records = new ArrayList<>();
        List<String> why = new ArrayList<>();
        int type = query.type();
        Name name = query.name();
        for (int g = index.first(wire, at, wire.length); g >= 0; g = index.next(g)) {
            if (rank(g, level, query.client()) != REWRITE_RANK) {
                continue;
            }
            FilterList f = index.listOf(g);
            int r = index.local(g);
            DnsRewrite d = f.modifiers(r).rewrite();
            String reason = "rewritten by " + f.describe(r);
            if (d.rcodeOnly()) {
                return switch (d.rcode()) {
                    case Rcode.NXDOMAIN -> Answer.nxDomain(SOURCE, reason, null, false);
                    case Rcode.NOERROR -> Answer.noData(SOURCE, reason, null, false);
                    default -> Answer.error(d.rcode(), SOURCE, reason);
                };
            }
            if (d.type() == Type.CNAME) {
                return Answer.cname(SOURCE, reason, List.of(new CNAMERecord(name, DClass.IN, ttl, d.target())),
                        d.target(), false);
            }
            if (d.type() == type) {
                records.add(type == Type.A ? new ARecord(name, DClass.IN, ttl, d.address())
                        : new AAAARecord(name, DClass.IN, ttl, d.address()));
                why.add(reason);
            }
        }
        if (records.isEmpty()) {
            return Answer.noData(SOURCE, "rewritten, no " + Type.string(type) + " record", null, false);
        }
        return Answer.records(SOURCE, String.join("; ", why), records, false);
    }

    private Answer block(Query query, BlockMode mode, String why) {
        if (mode == BlockMode.NXDOMAIN) {
            return Answer.nxDomain(SOURCE, why, null, false);
        }
        int type = query.type();
        if (type == Type.A) {
            return Answer.records(SOURCE, why, List.of(new ARecord(query.name(), DClass.IN, ttl, ZERO4)), false);
        }
        if (type == Type.AAAA) {
            return Answer.records(SOURCE, why, List.of(new AAAARecord(query.name(), DClass.IN, ttl, ZERO6)), false);
        }
        return Answer.noData(SOURCE, why, null, false);
    }
}
