package edgebox.dns.cache;

import java.io.IOException;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * Jazzer fuzz target of the query path the forwarder owns: bytes parsed by dnsjava as a query (and as an upstream
 * reply), the cache key, the wire walker that finds TTL fields, storing the answer and building a reply from it.
 * Nothing may throw but the IOException of {@link DnsWire} for bytes it refuses; the walker must agree with dnsjava on every
 * complete message it accepts. Run by {@link QueryPathFuzzTest} (a short run) and bench/dns/fuzz.sh (millions).
 */
public final class QueryPathFuzzer {

    private static final CachePolicy POLICY = new CachePolicy(0, 86_400, 3600, 64, 3600);
    private static final AnswerCache CACHE = new AnswerCache(POLICY, () -> 1_000_000L);

    private QueryPathFuzzer() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        int[] offsets = WireRecords.ttlOffsets(data);
        Message message;
        Message reply;
        byte[] replyWire = data.clone();
        try {
            message = DnsWire.parse(data);
            reply = DnsWire.parseReply(replyWire);
        } catch (IOException refused) {
            return;
        }
        if (!message.getHeader().getFlag(Flags.TC)) {
            int records = 0;
            for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
                records += (int) message.getSection(section).stream().filter(r -> r.getType() != 41).count();
            }
            if (offsets == null || offsets.length != records) {
                throw new IllegalStateException("wire walker disagrees with dnsjava: "
                        + (offsets == null ? "null" : offsets.length) + " TTL fields, " + records + " records");
            }
        }
        CacheKey key = CacheKey.of(message);
        if (key == null) {
            return;
        }
        CachedAnswer answer = CachedAnswer.of(key, reply, replyWire, POLICY, 1_000_000L);
        if (answer == null) {
            return;
        }
        Message fresh = answer.reply(message, 1_500_000L, -1);
        if (fresh != null) {
            fresh.toWire();
        }
        Message stale = answer.reply(message, 9_000_000L, 30);
        if (stale != null) {
            stale.toWire(65535);
        }
        CACHE.put(answer);
        if (CACHE.get(key) == null && answer.ttl() > 0) {
            throw new IllegalStateException("an answer with TTL " + answer.ttl() + " was not kept for " + key);
        }
    }
}
