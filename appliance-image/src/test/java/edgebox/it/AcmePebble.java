package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Pebble on loopback for the ACME system tests, with its own throwaway TLS CA ({@link #ca}), looking up
 * names and {@code _acme-challenge} records in the box's DNS and checking HTTP-01 on the proxy's plain port. Its log
 * goes to {@code target/it-logs/NAME-pebble.log}.
 */
final class AcmePebble implements AutoCloseable {

    final Process process;
    final Path ca;
    final int port;
    final int management;

    private AcmePebble(Process process, Path ca, int port, int management) {
        this.process = process;
        this.ca = ca;
        this.port = port;
        this.management = management;
    }

    /** The directory URL the ClusterIssuer names. */
    String directory() {
        return "https://127.0.0.1:" + port + "/dir";
    }

    static AcmePebble start(Path dir, String name, int port, int management, int httpPort, int dnsPort)
            throws Exception {
        Files.createDirectories(dir);
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=" + name + " pebble CA", "-keyout", "ca.key", "-out", "ca.pem");
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj",
                "/CN=localhost", "-keyout", "key.pem", "-out", "req.pem");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl(dir, "x509", "-req", "-in", "req.pem", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "san.ext", "-out", "cert.pem");
        Files.writeString(dir.resolve("pebble.json"), """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                 "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                 "ocspResponderURL": "", "externalAccountBindingRequired": false}}
                """.formatted(port, management, dir.resolve("cert.pem"), dir.resolve("key.pem"), httpPort,
                Box.freePort()));
        Files.createDirectories(Box.LOGS);
        ProcessBuilder pb = new ProcessBuilder("pebble", "-config", dir.resolve("pebble.json").toString(),
                "-dnsserver", "127.0.0.1:" + dnsPort).redirectErrorStream(true)
                .redirectOutput(Box.LOGS.resolve(name + "-pebble.log").toFile());
        pb.environment().put("PEBBLE_VA_NOSLEEP", "1");
        pb.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    p.destroy();
                    throw new AssertionError("pebble does not listen on " + port, e);
                }
                Thread.sleep(50);
            }
        }
        return new AcmePebble(p, dir.resolve("ca.pem"), port, management);
    }

    static void openssl(Path in, String... args) throws Exception {
        String[] cmd = Stream.concat(Stream.of("openssl"), Stream.of(args)).toArray(String[]::new);
        Process p = new ProcessBuilder(cmd).directory(in.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
