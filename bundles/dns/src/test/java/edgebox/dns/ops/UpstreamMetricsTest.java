package edgebox.dns.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import edgebox.dns.RecordingMetrics;
import edgebox.dns.forward.ForwardSettings;
import edgebox.dns.forward.Forwarder;

/**
 * The forwarder asks three loopback upstreams in turn: a silent one (timeout), one answering SERVFAIL and one
 * answering; each is counted under its own address, in the registry and in the console's rows.
 */
class UpstreamMetricsTest {

    @Test
    void eachUpstreamIsCountedWithItsFailuresByKindAndItsReplyTimes() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(lo, 0));
                DatagramSocket failing = new DatagramSocket(new InetSocketAddress(lo, 0));
                DatagramSocket good = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            Thread.ofVirtual().start(() -> answerOnce(failing, Rcode.SERVFAIL));
            Thread.ofVirtual().start(() -> answerOnce(good, Rcode.NOERROR));
            RecordingMetrics registry = new RecordingMetrics();
            UpstreamMetrics metrics = new UpstreamMetrics(registry);
            String s = "127.0.0.1:" + silent.getLocalPort();
            String f = "127.0.0.1:" + failing.getLocalPort();
            String g = "127.0.0.1:" + good.getLocalPort();
            Forwarder forwarder = new Forwarder(ForwardSettings.from(Map.of("upstreams", new String[] {s, f, g},
                    "timeoutMillis", 200)), group, NioDatagramChannel.class, NioSocketChannel.class,
                    Clock.systemUTC(), metrics);
            try {
                Message q = Message.newQuery(Record.newRecord(Name.fromString("www.example."), Type.A, DClass.IN));
                assertEquals(Rcode.NOERROR, forwarder.forward(q).get(10, TimeUnit.SECONDS).getRcode());
            } finally {
                forwarder.close();
            }
            assertEquals(1, registry.count("edgebox_dns_upstream_queries_total{" + s + "}"));
            assertEquals(1, registry.count("edgebox_dns_upstream_failures_total{" + s + ",timeout}"));
            assertEquals(1, registry.count("edgebox_dns_upstream_queries_total{" + f + "}"));
            assertEquals(1, registry.count("edgebox_dns_upstream_failures_total{" + f + ",servfail}"));
            assertEquals(1, registry.count("edgebox_dns_upstream_queries_total{" + g + "}"));
            assertEquals(0, registry.count("edgebox_dns_upstream_failures_total{" + g + ",servfail}"));
            List<UpstreamMetrics.Row> rows = metrics.rows();
            assertEquals(3, rows.size());
            UpstreamMetrics.Row timedOut = rows.stream().filter(r -> r.upstream().equals(s)).findFirst().orElseThrow();
            assertEquals(Map.of("timeout", 1L), timedOut.failures());
            assertEquals(0, timedOut.replies());
            UpstreamMetrics.Row answered = rows.stream().filter(r -> r.upstream().equals(g)).findFirst().orElseThrow();
            assertEquals(1, answered.queries());
            assertEquals(1, answered.replies());
            assertTrue(answered.meanSeconds() > 0 && answered.meanSeconds() < 5, String.valueOf(answered));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void answerOnce(DatagramSocket socket, int rcode) {
        try {
            socket.setSoTimeout(10_000);
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            socket.receive(p);
            Message query = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
            Message reply = new Message(query.getHeader().getID());
            reply.getHeader().setFlag(Flags.QR);
            reply.getHeader().setRcode(rcode);
            reply.addRecord(query.getQuestion(), Section.QUESTION);
            byte[] wire = reply.toWire();
            socket.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
        } catch (Exception e) {
            // the test's assertions tell what went missing
        }
    }
}
