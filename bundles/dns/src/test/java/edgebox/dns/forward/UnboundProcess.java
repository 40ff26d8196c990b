package edgebox.dns.forward;

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
import java.util.concurrent.TimeUnit;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import edgebox.dns.PeerTools;

/**
 * A real Unbound (Debian's) in the foreground on 127.0.0.1 with a configuration of its own in a temporary folder:
 * a local zone {@code test.} with a SOA, {@code a.test} A 192.0.2.1 and {@code big.test} with ten 200-byte TXT
 * records (too big for 1232 bytes of UDP), plain DNS on one port and DNS over TLS on another with a throwaway
 * certificate for {@code dns.test} made by openssl. Stopped by its pid.
 */
final class UnboundProcess implements AutoCloseable {

    static final String TLS_NAME = "dns.test";

    final int port;
    final int tlsPort;
    final Path certificate;
    private final Process process;
    private final Path dir;

    UnboundProcess(Path dir) throws Exception {
        PeerTools.require("openssl", "openssl");
        PeerTools.require("unbound", "unbound");
        this.dir = dir;
        this.port = PeerTools.freePort();
        this.tlsPort = PeerTools.freePort();
        this.certificate = dir.resolve("cert.pem");
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=" + TLS_NAME, "-addext", "subjectAltName=DNS:" + TLS_NAME,
                "-keyout", dir.resolve("key.pem").toString(), "-out", certificate.toString());
        List<String> conf = new ArrayList<>(List.of("server:",
                "  interface: 127.0.0.1@" + port,
                "  interface: 127.0.0.1@" + tlsPort,
                "  tls-port: " + tlsPort,
                "  tls-service-key: \"" + dir.resolve("key.pem") + "\"",
                "  tls-service-pem: \"" + certificate + "\"",
                "  do-daemonize: no", "  use-syslog: no", "  logfile: \"\"", "  chroot: \"\"", "  username: \"\"",
                "  directory: \"" + dir + "\"", "  pidfile: \"\"", "  do-ip6: no", "  num-threads: 1",
                "  access-control: 127.0.0.0/8 allow", "  do-not-query-localhost: no",
                "  local-zone: \"test.\" static",
                "  local-data: \"test. 3600 IN SOA ns.test. host.test. 1 3600 600 86400 60\"",
                "  local-data: \"a.test. 300 IN A 192.0.2.1\""));
        for (int i = 0; i < 10; i++) {
            conf.add("  local-data: 'big.test. 300 IN TXT \"" + i + "x".repeat(199) + "\"'");
        }
        conf.addAll(List.of("remote-control:", "  control-enable: no"));
        Path file = dir.resolve("unbound.conf");
        Files.write(file, conf);
        process = new ProcessBuilder("unbound", "-d", "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("unbound.log").toFile()).start();
        awaitAnswer();
    }

    String upstream() {
        return "127.0.0.1:" + port;
    }

    String tlsUpstream(String name) {
        return "tls://127.0.0.1:" + tlsPort + "#" + name;
    }

    /** Polls a.test until Unbound answers: at most 100 tries of 100 ms. */
    private void awaitAnswer() throws Exception {
        byte[] query = Message.newQuery(Record.newRecord(Name.fromConstantString("a.test."), Type.A, DClass.IN))
                .toWire();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(100);
            for (int i = 0; i < 100 && process.isAlive(); i++) {
                socket.send(new DatagramPacket(query, query.length,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
                try {
                    socket.receive(new DatagramPacket(new byte[512], 512));
                    return;
                } catch (SocketTimeoutException | java.net.PortUnreachableException notYet) {
                    Thread.sleep(20);
                }
            }
        }
        String log = Files.readString(dir.resolve("unbound.log"));
        close();
        throw new IllegalStateException("unbound on port " + port + " did not answer within 10 s: " + log);
    }

    /** Kills Unbound (SIGKILL) and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
