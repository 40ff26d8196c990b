package edgebox.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import edgebox.api.config.TypedConfig;
import edgebox.api.health.Health;
import edgebox.dns.server.TestNet;
import edgebox.dns.zone.ZoneParser;

/** The component on two loopback addresses, asked by dig over UDP and TCP on each. */
class DnsComponentListenersTest {

    @Test
    void everyListedAddressAnswersAndOneTakenAddressLeavesTheOthersServing() throws Exception {
        PeerTools.require("dig", "bind9-dnsutils");
        SourceStore store = new SourceStore();
        store.putZone("zone~demo", ZoneParser.parse("zone~demo", "records", "demo.test.", "www IN A 192.0.2.1"));
        try (TestNet net = new TestNet();
                DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.4"), 0))) {
            int port = taken.getLocalPort();
            DnsComponent dns = new DnsComponent(TypedConfig.of(DnsConfig.class, Map.of("port", port,
                    "addresses", new String[] {"127.0.0.2", "127.0.0.3", "127.0.0.4"})), net, net,
                    new RecordingMetrics(), store);
            try {
                for (String address : new String[] {"127.0.0.2", "127.0.0.3"}) {
                    for (String transport : new String[] {"+notcp", "+tcp"}) {
                        String out = dig(address, port, transport);
                        assertTrue(out.contains("192.0.2.1") && out.contains("SERVER: " + address + "#" + port),
                                address + " " + transport + ": " + out);
                    }
                }
                Health h = dns.health();
                assertEquals(Health.Status.DEGRADED, h.status(), h.toString());
                assertTrue(h.detail().startsWith("udp /127.0.0.2:" + port + ", tcp /127.0.0.2:" + port
                        + " | udp /127.0.0.3:" + port + ", tcp /127.0.0.3:" + port + " | 127.0.0.4:" + port
                        + " not listening: edgebox.dns: bind udp 127.0.0.4:" + port + ": "), h.detail());
                assertTrue(h.lastError().startsWith("edgebox.dns: bind udp 127.0.0.4:" + port), h.lastError());
            } finally {
                dns.deactivate();
            }
        }
    }

    private static String dig(String address, int port, String transport) throws Exception {
        Process p = new ProcessBuilder("dig", "@" + address, "-p", String.valueOf(port), transport, "+tries=1",
                "+time=3", "www.demo.test", "A").redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("dig: no end within 10 s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
