package edgebox.dns.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

import edgebox.dns.answer.Arrival;
import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Networks;
import edgebox.dns.answer.QueryPolicy;
import edgebox.dns.answer.Responder;
import edgebox.dns.server.QueryObserver;
import edgebox.dns.server.QueryProcessor;
import edgebox.dns.server.RateLimiter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * A forwarded question asked again is answered from the processor's memo, through the real forwarder and its cache:
 * the same bytes the cache would give, the upstream asked once.
 */
class KeptForwardedRepliesTest {

    private static EventLoopGroup group;

    @BeforeAll
    static void loops() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aCachedForwardedAnswerIsSentAgainFromTheMemo() throws Exception {
        InetAddress client = InetAddress.getLoopbackAddress();
        Arrival udp = new Arrival(client, 53, false);
        try (ScriptedUpstream up = new ScriptedUpstream(ForwarderTest.answering(7, 3600))) {
            Map<String, Object> props = new HashMap<>();
            props.put("upstreams", up.address());
            try (Forwarder f = new Forwarder(ForwardSettings.from(props), group, NioDatagramChannel.class,
                    NioSocketChannel.class, java.time.Clock.systemUTC())) {
                Chain chain = new Chain(List.of(), Networks.parse("r", List.of("127.0.0.0/8")), f::forward, 1);
                QueryProcessor p = new QueryProcessor(new Responder(() -> chain, 1232, QueryPolicy.NONE),
                        new RateLimiter(0, 0, a -> true), QueryObserver.NONE, 1232);
                byte[] q = ForwarderTest.query("www.example.", 5).toWire();
                byte[] first = p.process(q, client, udp).get(10, TimeUnit.SECONDS);
                assertEquals(1, p.kept(), "the forwarded reply is kept");
                ByteBuf again = p.process(Unpooled.wrappedBuffer(q), client, udp, UnpooledByteBufAllocator.DEFAULT)
                        .get(10, TimeUnit.SECONDS);
                assertEquals(1, p.keptReplies());
                byte[] bytes = ByteBufUtil.getBytes(again);
                again.release();
                assertArrayEquals(first, bytes);
                assertEquals("192.0.2.7", new Message(bytes).getSection(Section.ANSWER).get(0).rdataToString());
                assertEquals(1, up.udpQueries.get());
            }
        }
    }
}
