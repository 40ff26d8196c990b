package edgebox.dns.memo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import edgebox.dns.answer.Arrival;
import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Networks;
import edgebox.dns.answer.QueryPolicy;
import edgebox.dns.answer.Reply;
import edgebox.dns.answer.Responder;
import edgebox.dns.answer.Upstream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Forwarded replies are kept with their TTLs aged, until their shortest TTL nears its end, at most a minute, and only
 * while the forwarder's epoch holds.
 */
class AnswerMemoTest {

    static final InetAddress CLIENT = InetAddress.getLoopbackAddress();
    static final Arrival UDP = new Arrival(CLIENT, 53, false);

    final AtomicLong epoch = new AtomicLong();
    final Upstream upstream = new Upstream() {
        @Override
        public CompletableFuture<Message> forward(Message m) {
            Message r = new Message(m.getHeader().getID());
            r.getHeader().setFlag(Flags.QR);
            r.addRecord(m.getQuestion(), Section.QUESTION);
            r.addRecord(record(m.getQuestion().getName(), 300), Section.ANSWER);
            r.addRecord(record(Name.fromConstantString("other.example."), 20), Section.ADDITIONAL);
            return CompletableFuture.completedFuture(r);
        }

        @Override
        public long epoch() {
            return epoch.get();
        }
    };
    final Chain chain = new Chain(List.of(), Networks.parse("r", List.of("127.0.0.0/8")), upstream, 1);

    static Record record(Name name, long ttl) {
        try {
            return Record.fromString(name, Type.A, DClass.IN, ttl, "192.0.2.99", Name.root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] ask(AnswerMemo memo, Responder responder, long now) throws Exception {
        byte[] q = Message.newQuery(Record.newRecord(Name.fromString("www.example."), Type.A, DClass.IN)).toWire();
        Reply r = responder.respond(q, CLIENT, UDP).join();
        memo.remember(q, CLIENT, UDP, r, r.response().toWire(), now);
        return q;
    }

    static Message hit(AnswerMemo memo, byte[] q, long now) throws Exception {
        AnswerMemo.Hit h = memo.find(Unpooled.wrappedBuffer(q), CLIENT, UDP, now);
        if (h == null) {
            return null;
        }
        ByteBuf b = h.reply(UnpooledByteBufAllocator.DEFAULT, now);
        try {
            return new Message(ByteBufUtil.getBytes(b));
        } finally {
            b.release();
        }
    }

    @Test
    void forwardedRepliesAgeAndEndBeforeTheirShortestTtl() throws Exception {
        Responder responder = new Responder(() -> chain, 1232, QueryPolicy.NONE);
        AnswerMemo memo = new AnswerMemo(() -> chain);
        byte[] q = ask(memo, responder, 1_000);
        Message later = hit(memo, q, 6_500);
        assertNotNull(later);
        assertEquals(295, later.getSection(Section.ANSWER).get(0).getTTL());
        assertEquals(15, later.getSection(Section.ADDITIONAL).get(0).getTTL());
        assertNotNull(hit(memo, q, 1_000 + 17_999));
        assertNull(hit(memo, q, 1_000 + 18_000), "the shortest TTL (20 s) is near its end after 18 s");
    }

    @Test
    void aFlushEndsForwardedReplies() throws Exception {
        Responder responder = new Responder(() -> chain, 1232, QueryPolicy.NONE);
        AnswerMemo memo = new AnswerMemo(() -> chain);
        byte[] q = ask(memo, responder, 1_000);
        assertNotNull(hit(memo, q, 1_001));
        epoch.incrementAndGet();
        assertNull(hit(memo, q, 1_002));
    }

}
