package edgebox.dns.cache;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import edgebox.dns.answer.Arrival;
import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Networks;
import edgebox.dns.answer.QueryPolicy;
import edgebox.dns.answer.Reply;
import edgebox.dns.answer.Responder;
import edgebox.dns.answer.Upstream;
import edgebox.dns.rewrite.RewriteRule;
import edgebox.dns.rewrite.Rewrites;
import edgebox.dns.zone.ZoneParser;
import edgebox.dns.zone.Zones;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * Jazzer fuzz target of the whole query path: the server's {@link Responder} (header checks, parsing, the answer
 * chain over a zone, rewrites and a forwarding upstream, the reply encoded to wire at the UDP limit and for TCP), and
 * the forwarder's part: bytes parsed by dnsjava as a query (and as an upstream reply), the cache key, the wire
 * walker that finds TTL fields, storing the answer and building a reply from it.
 * Nothing may throw but the IOException of {@link DnsWire} for bytes it refuses; the walker must agree with dnsjava on every
 * complete message it accepts. Run by {@link QueryPathFuzzTest} (a short run) and bench/dns/fuzz.sh (millions).
 */
public final class QueryPathFuzzer {

    private static final CachePolicy POLICY = new CachePolicy(0, 86_400, 3600, 64, 3600);
    private static final AnswerCache CACHE = new AnswerCache(POLICY, () -> 1_000_000L);

    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();
    private static final Responder RESPONDER = responder();

    private QueryPathFuzzer() {
    }

    private static Responder responder() {
        Zones zones = new Zones(List.of(ZoneParser.parse("fuzz", "records", "demo.test.",
                "www IN A 192.0.2.1\nalias IN CNAME www\n*.wild IN A 192.0.2.2\nout IN CNAME name.upstream.test.\n"
                        + "txt IN TXT \"" + "x".repeat(200) + "\"\nmx IN MX 10 www")));
        Rewrites rewrites = new Rewrites(List.of(RewriteRule.parse("r1", "*.lan", "10.0.0.2", true, List.of()),
                RewriteRule.parse("r2", "loop.lan", "loop.lan", true, List.of())), 10);
        Upstream upstream = q -> {
            Message r = new Message(q.getHeader().getID());
            r.getHeader().setFlag(Flags.QR);
            r.addRecord(q.getQuestion(), Section.QUESTION);
            return CompletableFuture.completedFuture(r);
        };
        Chain chain = new Chain(List.of(zones, rewrites), Networks.parse("r", List.of("127.0.0.0/8")), upstream, 1);
        return new Responder(() -> chain, 1232, QueryPolicy.NONE);
    }

    public static void fuzzerTestOneInput(byte[] data) {
        Reply served = RESPONDER.respond(data, CLIENT, new Arrival(CLIENT, 53, false)).join();
        if (served.response() != null) {
            served.response().toWire(served.udpLimit());
            served.response().toWire(65535);
        }
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
