package edgebox.acme.client;

import static edgebox.acme.client.TestJson.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import edgebox.acme.issue.Issuance;
import edgebox.acme.model.CertificateSpec;
import edgebox.acme.model.Issuer;
import edgebox.acme.model.Solver;
import edgebox.api.acme.Dns01Publisher;
import edgebox.api.acme.Http01Responder;

/**
 * The client and one issuance against a real Pebble on loopback: DNS-01 for a wildcard and its apex (TXT records in
 * pebble-challtestsrv, the DNS Pebble asks), HTTP-01 (a token server on Pebble's httpPort), cleanup after a failed
 * validation, alternate chains, and external account binding on a second Pebble that requires it.
 */
class PebbleIssuanceTest {

    @TempDir
    static Path dir;
    static Pebble pebble;
    static HttpServer tokens;
    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    static final List<String> WITHDRAWN = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        pebble = Pebble.start(dir, Map.of("PEBBLE_ALTERNATE_ROOTS", "1"), null);
        tokens = HttpServer.create(new InetSocketAddress("127.0.0.1", pebble.httpPort), 16);
        tokens.createContext("/.well-known/acme-challenge/", ex -> {
            String token = ex.getRequestURI().getPath().substring("/.well-known/acme-challenge/".length());
            String v = TOKENS.get(token);
            byte[] body = (v == null ? "" : v).getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(v == null ? 404 : 200, body.length == 0 ? -1 : body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        tokens.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tokens != null) {
            tokens.stop(0);
        }
        if (pebble != null) {
            pebble.close();
        }
    }

    /** The challtestsrv as the box's DNS would be: publish adds a TXT value, withdraw clears the name. */
    static Dns01Publisher dns(Pebble p, boolean corrupt) {
        return new Dns01Publisher() {
            @Override
            public void publish(String name, String value) {
                try {
                    p.txt(name, corrupt ? "wrong" + value : value);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void withdraw(String name, String value) {
                synchronized (WITHDRAWN) {
                    WITHDRAWN.add(name);
                }
                try {
                    p.txt(name, null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    static final Http01Responder HTTP = new Http01Responder() {
        @Override
        public void publish(String token, String keyAuthorization) {
            TOKENS.put(token, keyAuthorization);
        }

        @Override
        public void withdraw(String token) {
            TOKENS.remove(token);
        }
    };

    static CertificateSpec cert(String... names) {
        return new CertificateSpec("it", "c", "c-tls", List.of(names), "ClusterIssuer/pebble", "ECDSA", 256, null,
                null, 0, Map.of());
    }

    static Issuer issuer(Solver.Type type, String preferredChain) {
        return new Issuer("ClusterIssuer/pebble", pebble.directory(), null, "acct", List.of(), null, preferredChain,
                List.of(new Solver(type, List.of(), List.of(), Map.of())));
    }

    AcmeClient client() throws Exception {
        AcmeClient c = AcmeClient.of(pebble.directory(), Http.jdk(pebble.tls()), JSON, Keys.generate("ECDSA", 256));
        c.account(List.of("mailto:ops@example.test"), null, null);
        return c;
    }

    static Set<String> sans(X509Certificate leaf) throws Exception {
        Set<String> out = new HashSet<>();
        leaf.getSubjectAlternativeNames().forEach(s -> out.add(String.valueOf(s.get(1))));
        return out;
    }

    @Test
    void wildcardAndApexByDns01() throws Exception {
        AcmeClient client = client();
        long start = System.nanoTime();
        Issuance.Result r = Issuance.run(client, issuer(Solver.Type.DNS01_EDGEBOX, null),
                cert("*.wild.test", "wild.test"), new Issuance.Responders(dns(pebble, false), null), null,
                Instant.now().plusSeconds(60), m -> { });
        long ms = (System.nanoTime() - start) / 1_000_000;
        X509Certificate leaf = r.chain().get(0);
        assertEquals(Set.of("*.wild.test", "wild.test"), sans(leaf));
        assertEquals(leaf.getPublicKey(), r.key().getPublic(), "the leaf certifies the key the CSR was made with");
        leaf.verify(r.chain().get(1).getPublicKey());
        synchronized (WITHDRAWN) {
            assertTrue(WITHDRAWN.contains("_acme-challenge.wild.test."), "the TXT records are withdrawn");
        }
        System.out.println("PebbleIssuanceTest: DNS-01 wildcard + apex issued in " + ms + " ms, "
                + client.requests() + " requests");
        assertTrue(ms < 10_000, "issued in " + ms + " ms");
    }

    @Test
    void theCertificatesDurationIsAskedForAsNotAfterAndPebbleHonoursIt() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CertificateSpec spec = new CertificateSpec("it", "d", "d-tls", List.of("short.test"), "ClusterIssuer/pebble",
                "ECDSA", 256, Duration.ofHours(2), null, 0, Map.of());
        Issuance.Result r = Issuance.run(client(), issuer(Solver.Type.DNS01_EDGEBOX, null), spec,
                new Issuance.Responders(dns(pebble, false), null), null, now, now.plusSeconds(60), m -> { });
        assertEquals(now.plus(Duration.ofHours(2)), r.chain().get(0).getNotAfter().toInstant(),
                "notAfter as asked (Pebble's default is 5 years)");
    }

    @Test
    void http01ThroughAResponderAndTokensWithdrawn() throws Exception {
        Issuance.Result r = Issuance.run(client(), issuer(Solver.Type.HTTP01, null), cert("web.http.test"),
                new Issuance.Responders(null, HTTP), null, Instant.now().plusSeconds(60), m -> { });
        assertEquals(Set.of("web.http.test"), sans(r.chain().get(0)));
        assertTrue(TOKENS.isEmpty(), "tokens withdrawn: " + TOKENS);
    }

    @Test
    void aFailedValidationStillWithdrawsItsRecords() throws Exception {
        AcmeClient client = client();
        AcmeException e = assertThrows(AcmeException.class, () -> Issuance.run(client,
                issuer(Solver.Type.DNS01_EDGEBOX, null), cert("bad.fail.test"),
                new Issuance.Responders(dns(pebble, true), null), null, Instant.now().plusSeconds(60), m -> { }));
        assertTrue(e.getMessage().contains("authorization for bad.fail.test is invalid"), e.getMessage());
        synchronized (WITHDRAWN) {
            assertTrue(WITHDRAWN.contains("_acme-challenge.bad.fail.test."), "withdrawn after the failure");
        }
    }

    @Test
    void noSolverForAWildcardOverHttp01IsRefusedBeforeAnyRecord() throws Exception {
        AcmeException e = assertThrows(AcmeException.class, () -> Issuance.run(client(),
                issuer(Solver.Type.HTTP01, null), cert("*.nohttp.test"), new Issuance.Responders(null, HTTP), null,
                Instant.now().plusSeconds(60), m -> { }));
        assertTrue(e.getMessage().contains("no solver applies to *.nohttp.test"), e.getMessage());
    }

    @Test
    void alternateChainsAreDownloadedAndThePreferredOneChosen() throws Exception {
        AcmeClient client = client();
        Issuance.Result first = Issuance.run(client, issuer(Solver.Type.DNS01_EDGEBOX, null), cert("alt.test"),
                new Issuance.Responders(dns(pebble, false), null), null, Instant.now().plusSeconds(60), m -> { });
        String defaultTop = first.chain().get(first.chain().size() - 1).getIssuerX500Principal().getName();
        X509Certificate alternateRoot = pebble.root(1);
        String alternateCn = alternateRoot.getSubjectX500Principal().getName().replaceFirst(".*CN=([^,]+).*", "$1");
        Issuance.Result preferred = Issuance.run(client, issuer(Solver.Type.DNS01_EDGEBOX, alternateCn),
                cert("alt.test"), new Issuance.Responders(dns(pebble, false), null), null,
                Instant.now().plusSeconds(60), m -> { });
        String top = preferred.chain().get(preferred.chain().size() - 1).getIssuerX500Principal().getName();
        assertTrue(top.contains("CN=" + alternateCn), top);
        assertNotEquals(defaultTop, top, "the alternate chain ends at another root");
    }

    @Test
    void externalAccountBindingIsRequiredAndAccepted(@TempDir Path eabDir) throws Exception {
        byte[] mac = new byte[32];
        for (int i = 0; i < mac.length; i++) {
            mac[i] = (byte) (i * 7 + 1);
        }
        String macB64 = Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
        try (Pebble eab = Pebble.start(eabDir, Map.of(), "{\"kid-1\": \"" + macB64 + "\"}")) {
            KeyPair key = Keys.generate("ECDSA", 256);
            AcmeClient plain = AcmeClient.of(eab.directory(), Http.jdk(eab.tls()), JSON, key);
            AcmeException e = assertThrows(AcmeException.class, () -> plain.account(List.of(), null, null));
            assertTrue(e.is("externalAccountRequired"), e.getMessage());
            AcmeClient bound = AcmeClient.of(eab.directory(), Http.jdk(eab.tls()), JSON, key);
            String url = bound.account(List.of(), "kid-1", mac);
            assertTrue(url.startsWith("https://127.0.0.1:" + eab.port + "/"), url);
        }
    }
}
