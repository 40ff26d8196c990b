package edgebox.dns.server;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import edgebox.api.policy.Decision;
import edgebox.dns.answer.Arrival;
import edgebox.dns.answer.Reply;
import edgebox.dns.answer.Responder;
import edgebox.dns.memo.AnswerMemo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * What both transports do with one query: the size limit, the {@link Responder}, the wire size (the client's UDP
 * limit, truncating with TC, or 65535 on TCP), response rate limiting on UDP, and the observer. Replies that may be
 * sent again are kept in an {@link AnswerMemo}, which answers the same question next time without the responder
 * (see {@link #process(ByteBuf, InetAddress, Arrival, ByteBufAllocator)}). Any failure of one query is caught here and counted; the caller only sends the bytes or
 * sends nothing ({@code null}).
 */
public final class QueryProcessor {

    static final int TCP_MAX = 65535;
    private static final byte TC_IN_THIRD_BYTE = 0x02;

    private final Responder responder;
    private final RateLimiter limiter;
    private final QueryObserver observer;
    private final int maxQueryBytes;
    private final AnswerMemo memo;
    private final LongAdder keptReplies = new LongAdder();

    public QueryProcessor(Responder responder, RateLimiter limiter, QueryObserver observer, int maxQueryBytes) {
        this.responder = responder;
        this.limiter = limiter;
        this.observer = observer;
        this.maxQueryBytes = maxQueryBytes;
        this.memo = new AnswerMemo(responder::chain);
    }

    /**
     * The reply to {@code query} as the transports send it: a buffer from {@code alloc}, or null or an empty buffer
     * when nothing is to be sent. A question answered before comes from the memo, done at once; the network policy
     * is asked first, and only once per query.
     */
    public CompletableFuture<ByteBuf> process(ByteBuf query, InetAddress client, Arrival arrival,
            ByteBufAllocator alloc) {
        long start = System.nanoTime();
        Decision decided = null;
        if (query.readableBytes() <= maxQueryBytes) {
            long now = System.currentTimeMillis();
            AnswerMemo.Hit hit = memo.find(query, client, arrival, now);
            if (hit != null) {
                decided = responder.policy().connection(client, arrival);
                if (decided == Decision.ALLOW) {
                    return CompletableFuture.completedFuture(kept(hit, client, arrival, alloc, start, now));
                }
            }
        }
        return process(ByteBufUtil.getBytes(query), client, arrival, decided)
                .thenApply(reply -> reply == null ? null : Unpooled.wrappedBuffer(reply));
    }

    private ByteBuf kept(AnswerMemo.Hit hit, InetAddress client, Arrival arrival, ByteBufAllocator alloc, long start,
            long now) {
        RateLimiter.Verdict v = arrival.tcp() ? RateLimiter.Verdict.SEND : limiter.check(client, start);
        if (v == RateLimiter.Verdict.DROP) {
            observer.dropped("rrl");
            return Unpooled.EMPTY_BUFFER;
        }
        ByteBuf out = v == RateLimiter.Verdict.SLIP ? hit.truncated(alloc) : hit.reply(alloc, now);
        keptReplies.increment();
        observer.answered(hit.outcome(), hit.id(), arrival.tcp() ? "tcp" : "udp", client, System.nanoTime() - start);
        return out;
    }

    /** Replies kept for the chain in use. */
    public int kept() {
        return memo.size();
    }

    /** Replies sent from the memo so far. */
    public long keptReplies() {
        return keptReplies.sum();
    }

    /** {@code arrival}: the local address and port the query was sent to, and whether over TCP. */
    public CompletableFuture<byte[]> process(byte[] query, InetAddress client, Arrival arrival) {
        return process(query, client, arrival, null);
    }

    /** {@code decided}: the network policy's connection decision when asked already for this query, else null. */
    private CompletableFuture<byte[]> process(byte[] query, InetAddress client, Arrival arrival, Decision decided) {
        long start = System.nanoTime();
        boolean tcp = arrival.tcp();
        if (query.length > maxQueryBytes) {
            observer.dropped("oversize");
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Reply> reply;
        try {
            reply = responder.respond(query, client, arrival, decided);
        } catch (RuntimeException e) {
            observer.dropped("error");
            return CompletableFuture.completedFuture(null);
        }
        return reply.handle((r, failure) -> {
            try {
                return failure != null ? dropped("error") : wire(r, query, client, arrival, start);
            } catch (RuntimeException e) {
                return dropped("error");
            }
        });
    }

    private byte[] dropped(String reason) {
        observer.dropped(reason);
        return null;
    }

    private byte[] wire(Reply r, byte[] query, InetAddress client, Arrival arrival, long start) {
        boolean tcp = arrival.tcp();
        if (r.response() == null) {
            return dropped(r.reason().startsWith("a response") ? "response" : "short");
        }
        Message m = r.response();
        boolean slipped = false;
        if (!tcp) {
            RateLimiter.Verdict v = limiter.check(client, start);
            if (v == RateLimiter.Verdict.DROP) {
                return dropped("rrl");
            }
            if (v == RateLimiter.Verdict.SLIP) {
                m = truncated(m);
                slipped = true;
            }
        }
        byte[] out = m.toWire(tcp ? TCP_MAX : r.udpLimit());
        if (r.mandatoryAdditional() > 0) {
            truncateWithoutGlue(out, r.mandatoryAdditional(), m.getOPT() != null);
        }
        if (!slipped) {
            memo.remember(query, client, arrival, r, out, System.currentTimeMillis());
        }
        observer.answered(r.outcome(), m.getHeader().getID(), tcp ? "tcp" : "udp", client,
                System.nanoTime() - start);
        return out;
    }

    /**
     * RFC 9471: when the in-domain glue of a referral did not all fit (dnsjava drops additional records that do not
     * fit without setting TC), the reply is marked truncated, so the client asks again over TCP.
     */
    static void truncateWithoutGlue(byte[] wire, int mandatory, boolean opt) {
        int additional = ((wire[10] & 0xFF) << 8 | (wire[11] & 0xFF)) - (opt ? 1 : 0);
        if (additional < mandatory) {
            wire[2] |= TC_IN_THIRD_BYTE;
        }
    }

    /** The header, question and OPT (RFC 6891 section 7) only, with TC: the client asks again over TCP. */
    static Message truncated(Message m) {
        Message t = new Message(m.getHeader().getID());
        t.setHeader(withoutCounts(m.getHeader()));
        t.getHeader().setFlag(Flags.TC);
        Record q = m.getQuestion();
        if (q != null) {
            t.addRecord(q, Section.QUESTION);
        }
        Record opt = m.getOPT();
        if (opt != null) {
            t.addRecord(opt, Section.ADDITIONAL);
        }
        return t;
    }

    private static Header withoutCounts(Header h) {
        Header n = new Header(h.getID());
        for (int f = 0; f < 16; f++) {
            if (Flags.isFlag(f) && h.getFlag(f)) {
                n.setFlag(f);
            }
        }
        n.setOpcode(h.getOpcode());
        n.setRcode(h.getRcode());
        return n;
    }
}
