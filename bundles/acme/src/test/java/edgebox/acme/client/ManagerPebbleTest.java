package edgebox.acme.client;

import static edgebox.acme.client.TestJson.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.acme.issue.Issuance;
import edgebox.acme.issue.Manager;
import edgebox.acme.model.CertificateSpec;
import edgebox.acme.model.Issuer;
import edgebox.acme.model.Solver;
import edgebox.acme.store.AcmeStore;
import edgebox.api.tls.TlsCertificate;

/**
 * The manager as the component uses it, against Pebble: a Certificate waits for its issuer and is issued when it
 * comes, published with a higher version and stored; a new manager on the same store serves the stored one without
 * issuing; renewNow replaces it; a failure shows in the status with its reason.
 */
class ManagerPebbleTest {

    @TempDir
    static Path dir;
    static Pebble pebble;

    @BeforeAll
    static void start() throws Exception {
        pebble = Pebble.start(dir.resolve("pebble"), Map.of(), null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pebble != null) {
            pebble.close();
        }
    }

    static Issuer issuer() throws Exception {
        return new Issuer("ClusterIssuer/pebble", pebble.directory(), "ops@example.test", "acct",
                Keys.certificates(Files.readString(pebble.ca)), null, null,
                List.of(new Solver(Solver.Type.DNS01_EDGEBOX, List.of(), List.of(), Map.of())));
    }

    static final CertificateSpec SPEC = new CertificateSpec("it", "site", "site-tls", List.of("*.m.test", "m.test"),
            "ClusterIssuer/pebble", "ECDSA", 256, null, null, 0, Map.of());

    static void await(String what, BooleanSupplier holds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!holds.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void issuesWhenTheIssuerComesStoresServesAgainAndRenews() throws Exception {
        AtomicInteger changes = new AtomicInteger();
        Path store = dir.resolve("data");
        Issuance.Responders responders = new Issuance.Responders(PebbleIssuanceTest.dns(pebble, false), null);
        String serial;
        try (Manager m = new Manager(new AcmeStore(store), JSON, () -> responders, changes::incrementAndGet,
                Clock.systemUTC())) {
            m.putCertificate(SPEC);
            await("the missing issuer shows", () -> m.status().containsKey("it/site")
                    && m.status().get("it/site").failures() > 0);
            Manager.Status waiting = m.status().get("it/site");
            assertEquals("False", waiting.condition());
            assertTrue(waiting.message().contains("issuer ClusterIssuer/pebble not found"), waiting.message());
            m.putIssuer(issuer());
            // the list is published before the version is raised and the change told: wait for all three
            await("issued", () -> m.certificates().size() == 1 && m.version() >= 1 && changes.get() >= 1);
            TlsCertificate served = m.certificates().get(0);
            assertEquals("it/site-tls", served.ref());
            assertEquals("True", m.status().get("it/site").condition());
            assertEquals("Ready", m.status().get("it/site").reason());
            assertEquals(1, m.accounts().size());
            serial = served.leaf().getSerialNumber().toString(16);
            long version = m.version();
            assertTrue(m.renewNow("it/site"));
            await("renewed", () -> m.version() > version);
            assertNotEquals(serial, m.certificates().get(0).leaf().getSerialNumber().toString(16));
            serial = m.certificates().get(0).leaf().getSerialNumber().toString(16);
        }
        try (Manager again = new Manager(new AcmeStore(store), JSON, () -> responders, () -> { }, Clock.systemUTC())) {
            again.putIssuer(issuer());
            again.putCertificate(SPEC);
            await("loaded", () -> again.certificates().size() == 1);
            assertEquals(serial, again.certificates().get(0).leaf().getSerialNumber().toString(16));
            assertEquals("loaded from the store", again.status().get("it/site").message());
            assertEquals(0, again.issuances());
        }
    }

    @Test
    void anIssuerWithExternalAccountBindingGetsItsAccount(@TempDir Path eabDir) throws Exception {
        byte[] mac = "a MAC key of thirty-two bytes!!!".getBytes();
        String macB64 = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
        try (Pebble eab = Pebble.start(eabDir, Map.of(), "{\"kid-7\": \"" + macB64 + "\"}")) {
            Issuer issuer = new Issuer("ClusterIssuer/eab", eab.directory(), null, "eab-acct",
                    Keys.certificates(Files.readString(eab.ca)), null, null, List.of(new Solver(
                            Solver.Type.DNS01_EDGEBOX, List.of(), List.of(), Map.of())), Map.of("keyID", "kid-7",
                                    "secretName", "eab", "secretKey", "mac", "secretNamespace", ""));
            CertificateSpec spec = new CertificateSpec("it", "e", "e-tls", List.of("eab.test"), "ClusterIssuer/eab",
                    "ECDSA", 256, null, null, 0, Map.of());
            List<String> asked = new java.util.ArrayList<>();
            try (Manager m = new Manager(new AcmeStore(eabDir.resolve("data")), JSON, () -> new Issuance.Responders(
                    PebbleIssuanceTest.dns(eab, false), null), i -> {
                        asked.add(i.eab().get("secretName") + "/" + i.eab().get("secretKey"));
                        return mac;
                    }, () -> { }, Clock.systemUTC())) {
                m.putIssuer(issuer);
                m.putCertificate(spec);
                await("issued with a bound account", () -> m.certificates().size() == 1);
                assertEquals(List.of("eab/mac"), asked);
                assertTrue(m.accounts().get("ClusterIssuer/eab").startsWith("https://127.0.0.1:" + eab.port + "/"));
            }
        }
    }

    @Test
    void renewsByItselfAtRenewBeforeAndSwapsThePublishedCertificate() throws Exception {
        CertificateSpec plain = new CertificateSpec("it", "auto", "auto-tls", List.of("auto.m.test"),
                "ClusterIssuer/pebble", "ECDSA", 256, null, null, 0, Map.of());
        try (Manager m = new Manager(new AcmeStore(dir.resolve("auto")), JSON, () -> new Issuance.Responders(
                PebbleIssuanceTest.dns(pebble, false), null), () -> { }, Clock.systemUTC())) {
            m.putIssuer(issuer());
            m.putCertificate(plain);
            // issuances counts a certificate once it is published
            await("issued", () -> m.issuances() == 1 && m.certificates().size() == 1);
            java.security.cert.X509Certificate leaf = m.certificates().get(0).leaf();
            // Pebble 2.4 issues for years and takes no notAfter: renewBefore leaves two seconds of lifetime
            Duration lifetime = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
            m.putCertificate(new CertificateSpec("it", "auto", "auto-tls", List.of("auto.m.test"),
                    "ClusterIssuer/pebble", "ECDSA", 256, null, lifetime.minusSeconds(2), 0, Map.of()));
            await("renewed twice by itself", () -> m.issuances() >= 3);
            assertNotEquals(leaf.getSerialNumber(), m.certificates().get(0).leaf().getSerialNumber());
            assertEquals(1, m.certificates().size(), "the renewed certificate replaces the old one");
            assertEquals(0, m.failures());
        }
    }

    @Test
    void aCertificateRemovedWhileItIsIssuedIsNeitherStoredNorPublished() throws Exception {
        CertificateSpec gone = new CertificateSpec("it", "gone", "gone-tls", List.of("gone.m.test"),
                "ClusterIssuer/pebble", "ECDSA", 256, null, null, 0, Map.of());
        CertificateSpec next = new CertificateSpec("it", "next", "next-tls", List.of("next.m.test"),
                "ClusterIssuer/pebble", "ECDSA", 256, null, null, 0, Map.of());
        Path store = dir.resolve("gone");
        edgebox.api.acme.Dns01Publisher pebbleDns = PebbleIssuanceTest.dns(pebble, false);
        Manager[] holder = new Manager[1];
        // the removal comes while the challenge is out, as when a Gateway's implicit Certificate gives way to an
        // explicit one; the next Certificate is put then, so its order (one at a time per issuer) follows this one
        edgebox.api.acme.Dns01Publisher removing = new edgebox.api.acme.Dns01Publisher() {
            @Override
            public void publish(String name, String value) {
                if (name.contains("gone.m.test")) {
                    holder[0].removeCertificate(gone.ref());
                    holder[0].putCertificate(next);
                }
                pebbleDns.publish(name, value);
            }

            @Override
            public void withdraw(String name, String value) {
                pebbleDns.withdraw(name, value);
            }
        };
        try (Manager m = new Manager(new AcmeStore(store), JSON, () -> new Issuance.Responders(removing, null),
                () -> { }, Clock.systemUTC())) {
            holder[0] = m;
            m.putIssuer(issuer());
            m.putCertificate(gone);
            await("the next Certificate issued", () -> m.issuances() == 1);
            assertEquals(List.of("it/next-tls"), m.certificates().stream().map(TlsCertificate::ref).toList(),
                    "only the next one is published");
            assertEquals(List.of("it/next"), List.copyOf(m.status().keySet()));
            assertTrue(!Files.exists(store.resolve("certs/it/gone-tls.pem")), "nothing stored for the removed one");
            assertEquals(0, m.failures());
        }
    }
}
