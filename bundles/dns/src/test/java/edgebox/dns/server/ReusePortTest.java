package edgebox.dns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Networks;
import edgebox.dns.answer.Outcome;
import edgebox.dns.answer.QueryPolicy;
import edgebox.dns.answer.Responder;
import edgebox.dns.zone.ZoneParser;
import edgebox.dns.zone.Zones;

/**
 * On a transport with SO_REUSEPORT the server binds one UDP socket per event loop on the same port, and queries from
 * many sources are answered by every loop; NIO binds one.
 */
class ReusePortTest {

    @Test
    void oneSocketPerEventLoopAndEveryLoopAnswers() throws Exception {
        Zones zones = new Zones(List.of(ZoneParser.parse("z", "records", "demo.test.", "www IN A 192.0.2.1\n")));
        Chain chain = new Chain(List.of(zones), Networks.parse("r", List.of("127.0.0.0/8")), null, 1);
        Set<String> loops = ConcurrentHashMap.newKeySet();
        QueryObserver observer = new QueryObserver() {
            @Override
            public void answered(Outcome outcome, int id, String proto, InetAddress client, long nanos) {
                loops.add(Thread.currentThread().getName());
            }

            @Override
            public void dropped(String reason) {
            }
        };
        QueryProcessor p = new QueryProcessor(new Responder(() -> chain, 1232, QueryPolicy.NONE),
                new RateLimiter(0, 0, a -> true), observer, 1232);
        try (TestNet net = TestNet.epoll(2)) {
            DnsServer server = DnsServer.bind(net, net, "127.0.0.1", 0, p, 2, 1232);
            try {
                assertEquals(2, server.udpSockets());
                int port = server.udpAddress().getPort();
                byte[] q = Message.newQuery(Record.newRecord(Name.fromString("www.demo.test."), Type.A, DClass.IN))
                        .toWire();
                for (int source = 0; source < 64 && loops.size() < 2; source++) {
                    try (DatagramSocket s = new DatagramSocket()) {
                        s.setSoTimeout(3000);
                        s.send(new DatagramPacket(q, q.length, InetAddress.getLoopbackAddress(), port));
                        byte[] buf = new byte[512];
                        DatagramPacket r = new DatagramPacket(buf, buf.length);
                        s.receive(r);
                        Message m = new Message(java.util.Arrays.copyOf(buf, r.getLength()));
                        assertEquals("192.0.2.1", m.getSection(Section.ANSWER).get(0).rdataToString());
                    }
                }
                assertEquals(2, loops.size(), "queries answered on " + loops);
            } finally {
                server.close();
            }
        }
        try (TestNet nio = new TestNet()) {
            DnsServer server = DnsServer.bind(nio, nio, "127.0.0.1", 0, p, 2, 1232);
            assertTrue(server.udpSockets() == 1);
            server.close();
        }
    }
}
