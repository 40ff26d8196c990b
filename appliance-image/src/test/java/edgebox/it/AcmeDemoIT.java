package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done condition, as a newcomer would do it: the shipped demo {@code etc/} (proxy on 8443, DNS on 5353)
 * with its {@code manifests/acme-pebble.yaml}, and the shipped Pebble setup ({@code bench/acme/pebble}) asking the
 * box's DNS. Only the Issuer's server port (and Pebble's ports) differ from the README, so a Pebble already running
 * on 14000 does not matter. The ACME kinds wait without a handler while the box boots ready; {@code feature:install
 * acme} then issues secure.demo.localhost by DNS-01 through the box's own DNS, and the demo Gateway's HTTPS listener
 * presents it, chained to Pebble's issuing root, for the 90 days the Certificate's duration asks.
 */
class AcmeDemoIT {

    static final Path PEBBLE_SETUP = Path.of("..", "bench", "acme", "pebble").toAbsolutePath().normalize();
    static final String HOST = "secure.demo.localhost";
    static final String SHIPPED_SERVER = "https://127.0.0.1:14000/dir";

    @TempDir
    static Path dir;
    static Box box;
    static Path key;
    static Process pebble;
    static int https;
    static Path root;

    @BeforeAll
    static void start() throws Exception {
        box = Box.create(dir, "AcmeDemoIT");
        key = box.authorize(dir, "operator");
        int dns = Integer.parseInt(cfg("edgebox.dns").getProperty("port"));
        https = 8443;
        int port = Box.freePort();
        int management = Box.freePort();
        Path manifest = box.home.resolve("etc/manifests/acme-pebble.yaml");
        String shipped = Files.readString(manifest);
        assertTrue(shipped.contains("server: " + SHIPPED_SERVER), "the demo's Issuer names " + SHIPPED_SERVER);
        Files.writeString(manifest, shipped.replace(SHIPPED_SERVER, "https://127.0.0.1:" + port + "/dir"));
        startPebble(port, management, dns);
        box.start().awaitReady();
        root = dir.resolve("pebble-root.pem");
        Tools.Result r = Tools.run(Duration.ofSeconds(10), null, "curl", "-sS", "-f", "--cacert",
                PEBBLE_SETUP.resolve("ca.pem").toString(), "-o", root.toString(),
                "https://127.0.0.1:" + management + "/roots/0");
        assertEquals(0, r.exit(), "Pebble's root: " + r);
    }

    @AfterAll
    static void stop() throws Exception {
        if (box != null) {
            box.close();
        }
        if (pebble != null) {
            pebble.destroy();
            pebble.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static Properties cfg(String pid) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(box.home.resolve("etc/" + pid + ".cfg"))) {
            p.load(in);
        }
        return p;
    }

    /** The shipped Pebble setup (its listener key and certificate, its settings) on the given ports. */
    static void startPebble(int port, int management, int dns) throws Exception {
        Path pdir = Files.createDirectories(dir.resolve("pebble"));
        String config = Files.readString(PEBBLE_SETUP.resolve("pebble.json"))
                .replace("127.0.0.1:14000", "127.0.0.1:" + port)
                .replace("127.0.0.1:15000", "127.0.0.1:" + management)
                .replace("\"httpPort\": 8080", "\"httpPort\": " + Box.freePort())
                .replace("\"tlsPort\": 5001", "\"tlsPort\": " + Box.freePort());
        assertTrue(config.contains(":" + port + "\"") && !config.contains("8080"), config);
        Files.writeString(pdir.resolve("pebble.json"), config);
        Files.copy(PEBBLE_SETUP.resolve("cert.pem"), pdir.resolve("cert.pem"));
        Files.copy(PEBBLE_SETUP.resolve("key.pem"), pdir.resolve("key.pem"));
        Files.createDirectories(Box.LOGS);
        ProcessBuilder pb = new ProcessBuilder("pebble", "-config", "pebble.json", "-dnsserver", "127.0.0.1:" + dns)
                .directory(pdir.toFile()).redirectErrorStream(true)
                .redirectOutput(Box.LOGS.resolve("AcmeDemoIT-pebble.log").toFile());
        pb.environment().put("PEBBLE_VA_NOSLEEP", "1");
        pb.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        pebble = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (int i = 0; i < 1000; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !pebble.isAlive()) {
                    throw new AssertionError("pebble does not listen on " + port, e);
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("pebble does not listen on " + port);
    }

    /** {@code openssl x509 -noout ARGS} of the certificate the demo's HTTPS listener presents for {@link #HOST}. */
    static Tools.Result served(String args) throws Exception {
        return Tools.run(Duration.ofSeconds(10), null, "sh", "-c", "openssl s_client -connect 127.0.0.1:" + https
                + " -servername " + HOST + " </dev/null 2>/dev/null | openssl x509 -noout " + args);
    }

    @Test
    void theDemoServesACertificateForItsHostnameThatItObtainedFromPebbleItself() throws Exception {
        // without the acme feature the demo still serves, on demo-tls, and only the ACME file waits
        // (the demo Secret reaches the proxy's certificate index on its own delivery, maybe just after ready)
        Tools.Result before = Tools.until(Duration.ofSeconds(15), x -> x.exit() == 0, () -> served("-subject"));
        assertEquals(0, before.exit(), "the demo's HTTPS listener answers before ACME: " + before);
        Tools.Result held = Tools.ssh(box.sshPort, key, "config:list");
        assertTrue(held.out().contains("acme-pebble.yaml") && held.out().contains("no handler"),
                "the ACME kinds wait for their handler:\n" + held);

        long start = System.nanoTime();
        Tools.Result install = Tools.ssh(box.sshPort, key, "feature:install acme");
        assertEquals(0, install.exit(), install.toString());
        Tools.Result san = Tools.until(Duration.ofSeconds(60), x -> x.out().contains("DNS:" + HOST),
                () -> served("-ext subjectAltName"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(san.out().contains("DNS:" + HOST), "the listener presents the issued certificate: " + san + "\n"
                + box.output());
        System.out.println("AcmeDemoIT: feature:install acme to " + HOST + " served in " + ms + " ms");

        Tools.Result verify = Tools.run(Duration.ofSeconds(10), null, "sh", "-c", "openssl s_client -connect "
                + "127.0.0.1:" + https + " -servername " + HOST + " -CAfile " + root + " -verify_hostname " + HOST
                + " -verify_return_error </dev/null 2>&1");
        assertTrue(verify.out().contains("Verify return code: 0 (ok)"), "chained to Pebble's root: " + verify);
        Tools.Result curl = Tools.run(Duration.ofSeconds(10), null, "curl", "-sS", "-o", "/dev/null", "-w",
                "%{http_code}", "--max-time", "5", "--cacert", root.toString(), "--resolve",
                HOST + ":" + https + ":127.0.0.1", "https://" + HOST + ":" + https + "/");
        assertEquals(0, curl.exit(), "curl trusts only Pebble's root and reaches the proxy: " + curl);

        // duration: 2160h was sent as notAfter: still valid in 89 days, gone in 91 (Pebble's default is 5 years)
        assertEquals(0, served("-checkend " + Duration.ofDays(89).toSeconds()).exit(), "valid for 89 days");
        assertEquals(1, served("-checkend " + Duration.ofDays(91).toSeconds()).exit(), "ends within 91 days");

        Tools.Result certs = Tools.ssh(box.sshPort, key, "acme:certs");
        assertTrue(certs.out().matches("(?s).*default/secure-demo\\s+Issuer/default/pebble-local\\s+True\\s+Ready.*"),
                certs.toString());
        Tools.Result list = Tools.ssh(box.sshPort, key, "config:list");
        assertTrue(!list.out().contains("no handler"), "nothing waits any more:\n" + list);
    }
}
