package edgebox.acme.client;

import static edgebox.acme.client.TestJson.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import edgebox.acme.issue.Issuance;
import edgebox.acme.issue.Rfc2136Dns01;
import edgebox.acme.model.CertificateSpec;
import edgebox.acme.model.Issuer;
import edgebox.acme.model.Solver;

/**
 * The RFC 2136 solver against a real Knot started on loopback (zone rfc.test, updates allowed with one TSIG key),
 * which is also the DNS Pebble asks: a wildcard and apex issued, the records gone afterwards, an update with a wrong
 * key refused with Knot's answer.
 */
class Rfc2136KnotTest {

    static final String SECRET = Base64.getEncoder().encodeToString("a 32 byte secret for the tsig k!".getBytes());

    @TempDir
    static Path dir;
    static Process knot;
    static int port;
    static Pebble pebble;

    @BeforeAll
    static void start() throws Exception {
        port = Pebble.freePort();
        Path k = Files.createDirectories(dir.resolve("knot"));
        Files.writeString(k.resolve("rfc.test.zone"), """
                $ORIGIN rfc.test.
                $TTL 300
                @ SOA ns.rfc.test. admin.rfc.test. 1 3600 600 86400 300
                @ NS ns
                ns A 127.0.0.1
                """);
        Files.writeString(k.resolve("knot.conf"), """
                server:
                    rundir: "%1$s"
                    listen: 127.0.0.1@%2$d
                database:
                    storage: "%1$s"
                control:
                    listen: "%1$s/knot.sock"
                key:
                  - id: acme.
                    algorithm: hmac-sha256
                    secret: %3$s
                acl:
                  - id: acme_update
                    key: acme.
                    action: update
                zone:
                  - domain: rfc.test
                    storage: "%1$s"
                    file: "rfc.test.zone"
                    acl: acme_update
                log:
                  - target: stderr
                    any: info
                """.formatted(k, port, SECRET));
        knot = new ProcessBuilder("knotd", "-c", k.resolve("knot.conf").toString()).redirectErrorStream(true)
                .redirectOutput(k.resolve("knot.log").toFile()).start();
        Pebble.awaitPort(port);
        pebble = Pebble.start(dir.resolve("pebble"), port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pebble != null) {
            pebble.close();
        }
        if (knot != null) {
            knot.destroy();
            knot.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static Set<String> txt(String name) throws Exception {
        SimpleResolver r = new SimpleResolver("127.0.0.1");
        r.setPort(port);
        r.setTimeout(Duration.ofSeconds(3));
        Lookup l = new Lookup(name, Type.TXT);
        l.setResolver(r);
        l.setCache(null);
        Record[] found = l.run();
        Set<String> out = new HashSet<>();
        if (found != null) {
            for (Record rec : found) {
                out.add(rec.rdataToString());
            }
        }
        return out;
    }

    @Test
    void wildcardAndApexByDynamicUpdateAndTheRecordsRemoved() throws Exception {
        Rfc2136Dns01 dns = new Rfc2136Dns01("127.0.0.1:" + port, "acme", "HMACSHA256", SECRET);
        Issuer issuer = new Issuer("ClusterIssuer/knot", pebble.directory(), null, "acct", List.of(), null, null,
                List.of(new Solver(Solver.Type.DNS01_RFC2136, List.of(), List.of(), Map.of())));
        CertificateSpec cert = new CertificateSpec("it", "k", "k-tls", List.of("*.rfc.test", "rfc.test"),
                "ClusterIssuer/knot", "ECDSA", 256, null, null, 0, Map.of());
        AcmeClient c = AcmeClient.of(pebble.directory(), Http.jdk(pebble.tls()), JSON, Keys.generate("ECDSA", 256));
        c.account(List.of(), null, null);
        Issuance.Result r = Issuance.run(c, issuer, cert, new Issuance.Responders(null, null, s -> dns), null,
                Instant.now().plusSeconds(60), m -> { });
        Set<String> sans = new HashSet<>();
        r.chain().get(0).getSubjectAlternativeNames().forEach(s -> sans.add(String.valueOf(s.get(1))));
        assertEquals(Set.of("*.rfc.test", "rfc.test"), sans);
        assertEquals(Set.of(), txt("_acme-challenge.rfc.test."), "both TXT values deleted");
    }

    @Test
    void publishServesAndWithdrawRemovesOneValue() throws Exception {
        Rfc2136Dns01 dns = new Rfc2136Dns01("127.0.0.1:" + port, "acme.", "hmacsha256", SECRET);
        dns.publish("_acme-challenge.one.rfc.test.", "v1");
        dns.publish("_acme-challenge.one.rfc.test.", "v2");
        assertEquals(Set.of("\"v1\"", "\"v2\""), txt("_acme-challenge.one.rfc.test."));
        dns.withdraw("_acme-challenge.one.rfc.test.", "v1");
        assertEquals(Set.of("\"v2\""), txt("_acme-challenge.one.rfc.test."));
        dns.withdraw("_acme-challenge.one.rfc.test.", "v2");
    }

    @Test
    void aWrongKeyIsRefused() {
        String wrong = Base64.getEncoder().encodeToString("another secret, not the right 1!".getBytes());
        Rfc2136Dns01 dns = new Rfc2136Dns01("127.0.0.1:" + port, "acme", "HMACSHA256", wrong);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> dns.publish("_acme-challenge.bad.rfc.test.", "v"));
        // Knot refuses every message signed with a key it does not know, the SOA query first
        assertTrue(e.getMessage().endsWith("_acme-challenge.bad.rfc.test.: NOTAUTH"), e.getMessage());
    }
}
