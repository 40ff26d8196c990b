package edgebox.dns.block;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

import edgebox.dns.answer.Answer;
import edgebox.dns.answer.Query;
import edgebox.dns.answer.Source;

/**
 * Every configured blocklist merged into one index: an allow rule on the name or any name above it wins; then an
 * exact block, then a block of the name or a name above it. Blocked names get NXDOMAIN or, in {@code zero} mode,
 * 0.0.0.0 for A, :: for AAAA and NODATA for other types; the reason names the list, line and rule.
 */
public final class Blocklists implements Source {

    static final String SOURCE = "block";
    private static final InetAddress ZERO4 = address(new byte[4]);
    private static final InetAddress ZERO6 = address(new byte[16]);

    public static final Blocklists EMPTY = new Blocklists(List.of(), 10);

    private final Map<Name, BlockRule> exact = new HashMap<>();
    private final Map<Name, BlockRule> tree = new HashMap<>();
    private final Map<Name, BlockRule> allow = new HashMap<>();
    private final long ttl;
    private final int unsupported;

    public Blocklists(List<BlockListParser.Parsed> lists, long ttl) {
        this.ttl = ttl;
        int skipped = 0;
        for (BlockListParser.Parsed p : lists) {
            p.blockExact().forEach(e -> exact.putIfAbsent(e.name(), e.rule()));
            p.blockTree().forEach(e -> tree.putIfAbsent(e.name(), e.rule()));
            p.allowTree().forEach(e -> allow.putIfAbsent(e.name(), e.rule()));
            skipped += p.unsupported();
        }
        this.unsupported = skipped;
    }

    private static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public int size() {
        return exact.size() + tree.size();
    }

    public int allowed() {
        return allow.size();
    }

    public int unsupported() {
        return unsupported;
    }

    @Override
    public Answer answer(Query query) {
        Name name = query.name();
        BlockRule hit = exact.get(name);
        Name up = name;
        for (int i = 0; i < 128 && up.labels() > 1; i++) {
            if (allow.containsKey(up)) {
                return null;
            }
            if (hit == null) {
                hit = tree.get(up);
            }
            up = new Name(up, 1);
        }
        if (hit == null) {
            return null;
        }
        String why = "blocked by " + hit;
        if (hit.mode() == BlockMode.NXDOMAIN) {
            return Answer.nxDomain(SOURCE, why, null, false);
        }
        int type = query.type();
        if (type == Type.A) {
            return Answer.records(SOURCE, why, List.of(new ARecord(name, DClass.IN, ttl, ZERO4)), false);
        }
        if (type == Type.AAAA) {
            return Answer.records(SOURCE, why, List.of(new AAAARecord(name, DClass.IN, ttl, ZERO6)), false);
        }
        return Answer.noData(SOURCE, why, null, false);
    }
}
