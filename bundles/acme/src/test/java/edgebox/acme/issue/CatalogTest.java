package edgebox.acme.issue;

import static edgebox.acme.client.TestJson.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.acme.model.CertificateSpec;
import edgebox.acme.model.GatewayShim;
import edgebox.acme.store.AcmeStore;

/** Explicit and implicit Certificates in one manager: an explicit one wins its name, and is never removed by the shim. */
class CatalogTest {

    @TempDir
    Path dir;

    static CertificateSpec spec(String name, String secret) {
        return new CertificateSpec("it", name, secret, List.of(secret + ".example.com"), "ClusterIssuer/none",
                "ECDSA", 256, null, null, 0, Map.of());
    }

    static GatewayShim.Plan plan(CertificateSpec... specs) {
        Map<String, GatewayShim.Implicit> m = new java.util.LinkedHashMap<>();
        for (CertificateSpec s : specs) {
            m.put(s.ref(), new GatewayShim.Implicit(s, List.of("Gateway it/gw listener " + s.name())));
        }
        return new GatewayShim.Plan(m, List.of());
    }

    /** Whether the manager keeps a Certificate of that name (renewNow says so; the issuer is missing, so it fails). */
    static boolean kept(Manager m, String ref) {
        return m.renewNow(ref);
    }

    @Test
    void implicitCertificatesComeAndGoButAnExplicitOneWinsItsName() {
        AtomicInteger heard = new AtomicInteger();
        try (Manager m = new Manager(new AcmeStore(dir), JSON, () -> new Issuance.Responders(null, null), () -> { },
                Clock.systemUTC())) {
            Catalog c = new Catalog(m);
            c.onExplicitChange(heard::incrementAndGet);
            c.apply(plan(spec("a-tls", "a-tls"), spec("b-tls", "b-tls")));
            assertTrue(kept(m, "it/a-tls") && kept(m, "it/b-tls"));
            assertEquals(Set.of("it/a-tls", "it/b-tls"), c.origins().keySet());

            c.putExplicit(spec("a-tls", "other"));
            assertEquals(1, heard.get());
            assertEquals(Set.of("it/a-tls"), c.explicitRefs());
            assertEquals(Set.of("it/other"), c.explicitSecretRefs());
            assertEquals(Set.of("it/b-tls"), c.origins().keySet(), "an explicit Certificate is no implicit one");
            c.apply(plan(spec("b-tls", "b-tls")));
            assertTrue(kept(m, "it/a-tls"), "the shim dropping its a-tls leaves the explicit it/a-tls");

            c.apply(plan());
            assertFalse(kept(m, "it/b-tls"), "an implicit Certificate no longer asked for is removed");
            assertTrue(kept(m, "it/a-tls"));

            c.removeExplicit("it/a-tls");
            assertEquals(2, heard.get());
            assertFalse(kept(m, "it/a-tls"));
            c.removeExplicit("it/a-tls");
            assertEquals(2, heard.get(), "removing what is not there changes nothing");
        }
    }
}
