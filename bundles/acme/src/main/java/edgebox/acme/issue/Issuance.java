package edgebox.acme.issue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import edgebox.acme.client.AcmeClient;
import edgebox.acme.client.AcmeException;
import edgebox.acme.client.Jose;
import edgebox.acme.client.Keys;
import edgebox.acme.model.CertificateSpec;
import edgebox.acme.model.Issuer;
import edgebox.acme.model.Solver;
import edgebox.api.acme.Dns01Publisher;
import edgebox.api.acme.Http01Responder;

/**
 * One issuance (RFC 8555 section 7.4): a new order for the Certificate's names, for each pending authorization the
 * issuer's best solver presents its challenge (a TXT record in the box's own DNS, or the token on the proxy), all
 * challenges are answered at once and polled together, then the order is finalized with a CSR of a fresh key and
 * the chain downloaded (the issuer's preferred chain when it names one). Every record or token presented is
 * withdrawn before this returns, also when the issuance fails. The box's own DNS serves a published record at once,
 * so there is no self-check and no propagation wait.
 */
public final class Issuance {

    /** A key and the chain issued for it. */
    public record Result(KeyPair key, List<X509Certificate> chain) {
    }

    /**
     * The ways to present a challenge: the box's DNS and the proxy (either null when its function is not running),
     * and the publisher of an external DNS solver (Cloudflare), made for the solver, which may throw.
     */
    public record Responders(Dns01Publisher dns, Http01Responder http, Function<Solver, Dns01Publisher> external) {

        public Responders(Dns01Publisher dns, Http01Responder http) {
            this(dns, http, s -> {
                throw new IllegalStateException("no external DNS solver is configured");
            });
        }
    }

    /** A challenge presented: a DNS record (publisher set) or an HTTP-01 token (responder set). */
    private record Presented(Dns01Publisher publisher, Http01Responder responder, String name, String value) {
    }

    private Issuance() {
    }

    /** {@link #run(AcmeClient, Issuer, CertificateSpec, Responders, String, Instant, Instant, Consumer)} now. */
    public static Result run(AcmeClient client, Issuer issuer, CertificateSpec cert, Responders responders,
            String replaces, Instant deadline, Consumer<String> progress) throws AcmeException, InterruptedException {
        return run(client, issuer, cert, responders, replaces, Instant.now(), deadline, progress);
    }

    /**
     * Issues {@code cert}; its {@code duration}, when given, is asked for as the order's notAfter ({@code now} plus
     * the duration).
     */
    public static Result run(AcmeClient client, Issuer issuer, CertificateSpec cert, Responders responders,
            String replaces, Instant now, Instant deadline, Consumer<String> progress)
            throws AcmeException, InterruptedException {
        KeyPair key = Keys.generate(cert.keyAlgorithm(), cert.keySize());
        Instant notAfter = cert.duration() == null ? null : now.plus(cert.duration());
        AcmeClient.Order order = client.newOrder(cert.dnsNames(), replaces, issuer.profile(), notAfter);
        progress.accept("order " + order.url() + " " + order.status());
        List<Presented> presented = new ArrayList<>();
        try {
            List<String[]> pending = new ArrayList<>();
            for (String authzUrl : order.authorizations()) {
                JsonObject authz = client.fetch(authzUrl);
                if ("valid".equals(authz.getString("status", ""))) {
                    continue;
                }
                String what = "authorization " + authzUrl;
                JsonObject id = authz.get("identifier") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
                String domain = AcmeClient.string(id, "value", what + " identifier");
                boolean wildcard = authz.getBoolean("wildcard", false);
                String asOrdered = wildcard ? "*." + domain : domain;
                Solver solver = Solver.select(issuer.solvers(), asOrdered, cert.labels());
                if (solver == null) {
                    throw new AcmeException("issuer " + issuer.key() + ": no solver applies to " + asOrdered);
                }
                JsonObject challenge = null;
                if (authz.get("challenges") instanceof JsonArray challenges) {
                    for (JsonValue c : challenges) {
                        if (c instanceof JsonObject o && solver.type().challenge.equals(o.getString("type", ""))) {
                            challenge = o;
                        }
                    }
                }
                if (challenge == null) {
                    throw new AcmeException("authorization for " + asOrdered + " offers no "
                            + solver.type().challenge + " challenge");
                }
                String token = AcmeClient.string(challenge, "token", what);
                presented.add(present(solver, domain, token, client.keyAuthorization(token), responders));
                pending.add(new String[] {authzUrl, AcmeClient.string(challenge, "url", what), asOrdered});
            }
            for (String[] p : pending) {
                client.respond(p[1]);
            }
            for (String[] p : pending) {
                client.await(p[0], Set.of("valid"), deadline, "authorization for " + p[2]);
                progress.accept("authorization valid: " + p[2]);
            }
        } finally {
            withdraw(presented, responders);
        }
        JsonObject ready = client.await(order.url(), Set.of("ready", "valid"), deadline, "order");
        if ("ready".equals(ready.getString("status", ""))) {
            client.finalizeOrder(AcmeClient.string(ready, "finalize", "order " + order.url()),
                    Keys.csr(key, cert.dnsNames()));
        }
        JsonObject valid = client.await(order.url(), Set.of("valid"), deadline, "order");
        if (!(valid.get("certificate") instanceof JsonString certUrl)) {
            throw new AcmeException("order " + order.url() + " is valid but names no certificate");
        }
        List<X509Certificate> chain = choose(client.download(certUrl.getString()), issuer.preferredChain());
        progress.accept("issued " + chain.get(0).getSubjectX500Principal() + " until "
                + chain.get(0).getNotAfter().toInstant());
        return new Result(key, chain);
    }

    private static Presented present(Solver solver, String domain, String token, String keyAuth,
            Responders responders) throws AcmeException {
        if (solver.type() == Solver.Type.HTTP01) {
            if (responders.http() == null) {
                throw new AcmeException("http01: the proxy function is not running");
            }
            responders.http().publish(token, keyAuth);
            return new Presented(null, responders.http(), token, keyAuth);
        }
        Dns01Publisher publisher;
        if (solver.type() == Solver.Type.DNS01_EDGEBOX) {
            publisher = responders.dns();
            if (publisher == null) {
                throw new AcmeException("dns01 edgebox: the box's DNS function is not running");
            }
        } else {
            try {
                publisher = responders.external().apply(solver);
            } catch (RuntimeException e) {
                throw new AcmeException("dns01 " + solver.type() + ": " + e.getMessage());
            }
        }
        String name = "_acme-challenge." + domain + ".";
        String value = Jose.dnsValue(keyAuth);
        try {
            publisher.publish(name, value);
        } catch (RuntimeException e) {
            throw new AcmeException("publish TXT " + name + ": " + e.getMessage());
        }
        return new Presented(publisher, null, name, value);
    }

    private static void withdraw(List<Presented> presented, Responders responders) {
        for (Presented p : presented) {
            try {
                if (p.publisher() != null) {
                    p.publisher().withdraw(p.name(), p.value());
                } else {
                    p.responder().withdraw(p.name());
                }
            } catch (RuntimeException e) {
                System.getLogger("edgebox.acme").log(System.Logger.Level.WARNING, "acme: could not withdraw "
                        + p.name() + ": " + e.getMessage());
            }
        }
    }

    /** The first chain whose last certificate's issuer CN is {@code preferred}, else the server's default. */
    static List<X509Certificate> choose(List<String> pems, String preferred) throws AcmeException {
        List<List<X509Certificate>> chains = new ArrayList<>();
        for (String pem : pems) {
            List<X509Certificate> c = Keys.certificates(pem);
            if (!c.isEmpty()) {
                chains.add(c);
            }
        }
        if (chains.isEmpty()) {
            throw new AcmeException("the server's certificate download holds no certificate");
        }
        if (preferred != null) {
            for (List<X509Certificate> c : chains) {
                String top = c.get(c.size() - 1).getIssuerX500Principal().getName();
                if (top.contains("CN=" + preferred)) {
                    return c;
                }
            }
        }
        return chains.get(0);
    }
}
