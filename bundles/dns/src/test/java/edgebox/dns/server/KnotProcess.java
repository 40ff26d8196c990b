package edgebox.dns.server;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import edgebox.dns.PeerTools;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A real Knot DNS (Debian's knotd) in the foreground on 127.0.0.1, serving zone files with a configuration of its own
 * in a temporary folder (no journal, no zone file writes, one worker). Stopped by its pid. Fails, naming the package,
 * when knotd is not installed.
 */
final class KnotProcess implements AutoCloseable {

    final int port;
    private final Process process;
    private final Path dir;

    /** {@code zones}: each origin with its zone text. */
    KnotProcess(Path dir, Map<String, String> zones) throws Exception {
        this.dir = dir;
        this.port = PeerTools.freePort();
        List<String> lines = new ArrayList<>(List.of("server:",
                "  listen: 127.0.0.1@" + port,
                "  rundir: \"" + dir + "\"",
                "  udp-workers: 1", "  tcp-workers: 1", "  background-workers: 1",
                "database:", "  storage: \"" + dir + "\"",
                "log:", "  - target: stderr", "    any: info",
                "template:", "  - id: default", "    storage: \"" + dir + "\"", "    journal-content: none",
                "    zonefile-sync: -1", "    zonefile-load: whole", "    semantic-checks: off",
                "zone:"));
        int n = 0;
        for (Map.Entry<String, String> z : zones.entrySet()) {
            Path zone = dir.resolve("zone" + n++ + ".txt");
            Files.writeString(zone, z.getValue());
            lines.addAll(List.of("  - domain: " + z.getKey(), "    file: \"" + zone + "\""));
        }
        Path conf = dir.resolve("knot.conf");
        Files.write(conf, lines);
        process = new ProcessBuilder(knotd(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("knot.log").toFile()).start();
        for (String origin : zones.keySet()) {
            awaitAnswer(Name.fromString(origin));
        }
    }

    /** knotd lives in /usr/sbin, which a user's PATH often lacks. */
    private static String knotd() {
        for (String candidate : List.of("/usr/sbin/knotd", "/usr/bin/knotd")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "knotd"))) {
                return Path.of(d, "knotd").toString();
            }
        }
        throw new AssertionError("knotd is missing (not in /usr/sbin, /usr/bin or on PATH " + path
                + "): this test asks Knot DNS as the reference; apt-get install knot");
    }

    /** Polls the origin's SOA until Knot answers it: at most 100 tries of 100 ms. */
    private void awaitAnswer(Name origin) throws Exception {
        byte[] query = Message.newQuery(Record.newRecord(origin, Type.SOA, DClass.IN)).toWire();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(100);
            for (int i = 0; i < 100 && process.isAlive(); i++) {
                socket.send(new DatagramPacket(query, query.length,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
                try {
                    DatagramPacket p = new DatagramPacket(new byte[512], 512);
                    socket.receive(p);
                    if (new Message(java.util.Arrays.copyOf(p.getData(), p.getLength())).getRcode() == 0) {
                        return;
                    }
                } catch (SocketTimeoutException | java.net.PortUnreachableException notYet) {
                    Thread.sleep(20);
                }
            }
        }
        String log = Files.readString(dir.resolve("knot.log"));
        close();
        throw new IllegalStateException("knotd on port " + port + " did not serve " + origin + " within 10 s: " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
