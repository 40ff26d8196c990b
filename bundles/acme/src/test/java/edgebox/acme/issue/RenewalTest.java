package edgebox.acme.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import edgebox.acme.model.CertificateSpec;

/** Renewal times: ARI window, renewBefore, renewBeforePercentage, two thirds; jitter bounded. */
class RenewalTest {

    static final Instant NB = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NA = NB.plus(Duration.ofDays(90));

    static CertificateSpec spec(Duration before, int pct) {
        return new CertificateSpec("ns", "c", "c-tls", List.of("a.test"), "ClusterIssuer/x", "ECDSA", 256, null,
                before, pct, Map.of());
    }

    static X509Certificate leaf() throws Exception {
        return TestCerts.selfSigned("a.test", NB, NA);
    }

    static void within(Instant at, Instant latest, Duration jitter) {
        assertFalse(at.isAfter(latest), at + " after " + latest);
        assertFalse(at.isBefore(latest.minus(jitter)), at + " more than " + jitter + " before " + latest);
    }

    @Test
    void twoThirdsOfTheLifetimeByDefault() throws Exception {
        X509Certificate leaf = leaf();
        Set<Instant> seen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            Instant at = Renewal.next(spec(null, 0), leaf, null, seed);
            within(at, NB.plus(Duration.ofDays(60)), Duration.ofHours(1));
            seen.add(at);
        }
        assertTrue(seen.size() > 10, "jittered: " + seen.size() + " distinct times");
    }

    @Test
    void renewBeforeAndPercentage() throws Exception {
        X509Certificate leaf = leaf();
        within(Renewal.next(spec(Duration.ofDays(30), 0), leaf, null, 7), NA.minus(Duration.ofDays(30)),
                Duration.ofHours(1));
        within(Renewal.next(spec(null, 10), leaf, null, 7), NA.minus(Duration.ofDays(9)), Duration.ofHours(1));
    }

    @Test
    void theAriWindowWins() throws Exception {
        Instant start = NB.plus(Duration.ofDays(50));
        Instant end = NB.plus(Duration.ofDays(52));
        for (long seed = 0; seed < 20; seed++) {
            Instant at = Renewal.next(spec(Duration.ofDays(30), 0), leaf(), new Instant[] {start, end}, seed);
            assertFalse(at.isBefore(start) || at.isAfter(end), at.toString());
        }
        assertEquals(start, Renewal.next(spec(null, 0), leaf(), new Instant[] {start, start}, 3));
    }
}
