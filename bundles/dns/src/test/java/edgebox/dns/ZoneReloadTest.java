package edgebox.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.api.config.TypedConfig;
import edgebox.dns.server.TestNet;

/**
 * A zone file edited under a running server: dig sees the edit within the watch interval, and an edit that does
 * not parse leaves the earlier answers serving while the problem names the file, the line and the reason.
 */
class ZoneReloadTest {

    @TempDir
    Path home;

    @Test
    void anEditIsServedWithinTheIntervalAndABrokenEditKeepsTheOldZone() throws Exception {
        PeerTools.require("dig", "bind9-dnsutils");
        Path file = home.resolve("demo.zone");
        Files.writeString(file, "www 60 IN A 192.0.2.1\n");
        SourceStore store = new SourceStore();
        try (TestNet net = new TestNet()) {
            DnsComponent dns = new DnsComponent(TypedConfig.of(DnsConfig.class, Map.of("port", 0)), net, net,
                    new RecordingMetrics(), store);
            ZoneComponent zone = new ZoneComponent(store, home.toString(), TypedConfig.of(ZoneComponent.Config.class,
                    Map.of("origin", "demo.test.", "file", "demo.zone", "reloadSeconds", 1)),
                    Map.of("service.pid", "edgebox.dns.zone~demo"));
            try {
                String port = dns.listening().replaceAll(".*tcp /127\\.0\\.0\\.1:(\\d+).*", "$1");
                assertEquals("192.0.2.1", dig(port));
                Files.writeString(file, "www 60 IN A 192.0.2.2\nnew 60 IN A 192.0.2.3\n");
                assertEquals("192.0.2.2", awaitAnswer(port, "192.0.2.2", 4_000));
                Files.writeString(file, "www 60 IN A 192.0.2.9\nbroken 60 IN A 192.0.2.300\n");
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
                while (store.problems().isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                assertEquals("edgebox.dns.zone~demo: file: " + file + ":2: Invalid address: 192.0.2.300",
                        store.problems().get("edgebox.dns.zone~demo"));
                assertEquals("192.0.2.2", dig(port), "the zone read before keeps serving");
                Files.writeString(file, "www 60 IN A 192.0.2.4\n");
                assertEquals("192.0.2.4", awaitAnswer(port, "192.0.2.4", 4_000));
                assertEquals(Map.of(), store.problems());
            } finally {
                zone.deactivate();
                dns.deactivate();
            }
        }
    }

    private static String awaitAnswer(String port, String expected, long millis) throws Exception {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        String last = dig(port);
        while (!last.equals(expected) && System.nanoTime() < until) {
            Thread.sleep(100);
            last = dig(port);
        }
        return last;
    }

    private static String dig(String port) throws Exception {
        Process p = new ProcessBuilder("dig", "@127.0.0.1", "-p", port, "+short", "+tries=1", "+time=2",
                "www.demo.test", "A").redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("dig: no end within 10 s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
