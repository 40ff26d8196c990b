package edgebox.acme.issue;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import edgebox.acme.client.AcmeClient;
import edgebox.acme.client.AcmeException;
import edgebox.acme.client.Keys;
import edgebox.acme.client.RemoteJson;
import edgebox.acme.model.CertificateSpec;
import edgebox.acme.model.Issuer;
import edgebox.acme.store.AcmeStore;
import edgebox.api.tls.TlsCertificate;

/**
 * Keeps every Certificate issued and fresh: loads what the store holds, issues what is missing or no longer matches
 * its names, renews at the {@link Renewal} time, retries failures with backoff (the server's Retry-After when it
 * gives one), and publishes the certificates it holds as an immutable list with a version that grows on each
 * change. Issuance runs on a small pool: one issuance at a time per issuer (its account's client is not shared
 * between threads) and per Certificate, so a slow validation at one issuer does not hold up the others.
 */
public final class Manager implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("edgebox.acme");
    private static final Duration ISSUE_TIMEOUT = Duration.ofMinutes(5);
    private static final int THREADS = 3;

    /** What the console and the status show of one Certificate. */
    public record Status(CertificateSpec spec, String condition, String reason, String message, Instant notAfter,
            Instant nextRun, int failures, Duration lastIssuance) {
    }

    private final AcmeStore store;
    private final Supplier<Issuance.Responders> responders;
    private final Runnable onChange;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Map<String, Issuer> issuers = new ConcurrentHashMap<>();
    private final Map<String, CertificateSpec> specs = new ConcurrentHashMap<>();
    private final Map<String, Status> status = new ConcurrentHashMap<>();
    private final Map<String, TlsCertificate> issued = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> timers = new ConcurrentHashMap<>();
    private final Accounts accounts;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> rerun = ConcurrentHashMap.newKeySet();
    private volatile List<TlsCertificate> published = List.of();
    private volatile long version;
    private final AtomicInteger issuances = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    public Manager(AcmeStore store, RemoteJson json, Supplier<Issuance.Responders> responders, Runnable onChange,
            Clock clock) {
        this(store, json, responders, issuer -> {
            throw new IllegalStateException("no Secrets to read an external account binding key from");
        }, onChange, clock);
    }

    /** {@code eabKeys}: the MAC key of an issuer's external account binding (read from its Secret). */
    public Manager(AcmeStore store, RemoteJson json, Supplier<Issuance.Responders> responders,
            Function<Issuer, byte[]> eabKeys, Runnable onChange, Clock clock) {
        this.accounts = new Accounts(store, json, eabKeys);
        this.store = store;
        this.responders = responders;
        this.onChange = onChange;
        this.clock = clock;
        this.executor = Executors.newScheduledThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "edgebox-acme");
            t.setDaemon(true);
            return t;
        });
    }

    public List<TlsCertificate> certificates() {
        return published;
    }

    public long version() {
        return version;
    }

    public int issuances() {
        return issuances.get();
    }

    public int failures() {
        return failures.get();
    }

    public Map<String, Status> status() {
        return new TreeMap<>(status);
    }

    public Map<String, String> accounts() {
        Map<String, String> out = new TreeMap<>();
        accounts.all().forEach((k, a) -> out.put(k, a.url()));
        return out;
    }

    public Collection<Issuer> issuers() {
        return List.copyOf(issuers.values());
    }

    public void putIssuer(Issuer issuer) {
        Issuer old = issuers.put(issuer.key(), issuer);
        if (!issuer.equals(old)) {
            accounts.remove(issuer.key());
            specs.values().stream().filter(s -> issuer.key().equals(s.issuerKey()) && !issued.containsKey(s.ref()))
                    .forEach(s -> schedule(s.ref(), Duration.ZERO));
        }
    }

    public void removeIssuer(String key) {
        issuers.remove(key);
        accounts.remove(key);
    }

    /** A new or changed Certificate: served from the store when it still fits, else issued now. */
    public void putCertificate(CertificateSpec spec) {
        CertificateSpec old = specs.put(spec.ref(), spec);
        if (spec.equals(old)) {
            return;
        }
        executor.execute(() -> load(spec));
    }

    /** Removes {@code ref}; an issuance of it still running stores and publishes nothing. */
    public void removeCertificate(String ref) {
        synchronized (specs) {
            specs.remove(ref);
        }
        status.remove(ref);
        ScheduledFuture<?> t = timers.remove(ref);
        if (t != null) {
            t.cancel(false);
        }
        if (issued.remove(ref) != null) {
            republish();
        }
    }

    /** Issues {@code ref} again now; false when no such Certificate. */
    public boolean renewNow(String ref) {
        if (!specs.containsKey(ref)) {
            return false;
        }
        schedule(ref, Duration.ZERO);
        return true;
    }

    private void load(CertificateSpec spec) {
        try {
            var stored = store.certificate(spec.namespace(), spec.secretName());
            if (stored.isPresent() && covers(stored.get().chain().get(0), spec)
                    && stored.get().chain().get(0).getNotAfter().toInstant().isAfter(clock.instant())) {
                X509Certificate leaf = stored.get().chain().get(0);
                Instant next = Renewal.next(spec, leaf, null, leaf.getSerialNumber().longValue());
                synchronized (specs) {
                    if (!spec.equals(specs.get(spec.ref()))) {
                        return; // removed or changed since: the newer spec loads on its own
                    }
                    setStatus(spec, "True", "Ready", "loaded from the store", leaf, next, 0, null);
                    schedule(spec.ref(), Duration.between(clock.instant(), next));
                    issued.put(spec.ref(), new TlsCertificate(spec.namespace(), spec.secretName(),
                            stored.get().key(), stored.get().chain()));
                }
                republish();
                return;
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "acme: Certificate " + spec.ref() + ": stored certificate unreadable, issuing "
                    + "anew: " + e.getMessage());
        }
        schedule(spec.ref(), Duration.ZERO);
    }

    private static boolean covers(X509Certificate leaf, CertificateSpec spec) {
        try {
            Set<String> names = new HashSet<>();
            if (leaf.getSubjectAlternativeNames() != null) {
                leaf.getSubjectAlternativeNames().forEach(san -> names.add(String.valueOf(san.get(1))));
            }
            return names.equals(new HashSet<>(spec.dnsNames()));
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private void schedule(String ref, Duration delay) {
        long ms = Math.max(0, delay.toMillis());
        synchronized (timers) {
            ScheduledFuture<?> next = executor.schedule(() -> issue(ref), ms, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> old = timers.put(ref, next);
            if (old != null) {
                old.cancel(false);
            }
        }
    }

    /**
     * One issuance per Certificate at a time. A request that finds one running is handed to it: it runs again as
     * soon as it ends. (Rescheduling from here raced the running one's own retry timer, and the later of the two
     * cancelled the other: an issuer that came during a failed try was then never tried.)
     */
    private void issue(String ref) {
        synchronized (running) {
            if (!running.add(ref)) {
                rerun.add(ref);
                return;
            }
        }
        try {
            issueNow(ref);
        } finally {
            boolean again;
            synchronized (running) {
                running.remove(ref);
                again = rerun.remove(ref);
            }
            if (again) {
                schedule(ref, Duration.ZERO);
            }
        }
    }

    private void issueNow(String ref) {
        CertificateSpec spec = specs.get(ref);
        if (spec == null) {
            return;
        }
        Status before = status.get(ref);
        int failed = before == null ? 0 : before.failures();
        TlsCertificate current = issued.get(ref);
        setStatus(spec, current != null ? "True" : "False", "Issuing", "issuance in progress",
                current == null ? null : current.leaf(), null, failed, null);
        long start = System.nanoTime();
        try {
            Issuer issuer = issuers.get(spec.issuerKey());
            if (issuer == null) {
                throw new AcmeException("issuer " + spec.issuerKey() + " not found");
            }
            Accounts.Account account = accounts.of(issuer);
            String replaces = null;
            if (current != null && account.client().offersRenewalInfo()) {
                replaces = Keys.ariCertId(current.leaf());
            }
            Issuance.Result r;
            synchronized (account.client()) {
                Instant now = clock.instant();
                r = Issuance.run(account.client(), issuer, spec, responders.get(), replaces, now,
                        now.plus(ISSUE_TIMEOUT), m -> LOG.log(Level.DEBUG, "acme: " + ref + ": " + m));
            }
            synchronized (specs) {
                if (!spec.equals(specs.get(ref))) {
                    LOG.log(Level.INFO, "acme: Certificate " + ref + " was removed or changed while it was issued; "
                            + "the certificate for " + spec.dnsNames() + " is dropped");
                    return;
                }
                store.putCertificate(spec.namespace(), spec.secretName(), r.key().getPrivate(), r.chain());
            }
            X509Certificate leaf = r.chain().get(0);
            Instant[] window;
            synchronized (account.client()) {
                window = ariWindow(account.client(), leaf);
            }
            Instant next = Renewal.next(spec, leaf, window, leaf.getSerialNumber().longValue());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            synchronized (specs) { // removeCertificate takes the spec first and then what was issued
                if (!spec.equals(specs.get(ref))) {
                    return;
                }
                setStatus(spec, "True", "Ready", "issued by " + issuer.key(), leaf, next, 0, took);
                // scheduled before it is published, so a renewal asked for by whoever sees it is not overridden
                schedule(ref, Duration.between(clock.instant(), next));
                issued.put(ref, new TlsCertificate(spec.namespace(), spec.secretName(), r.key().getPrivate(),
                        r.chain()));
            }
            republish();
            issuances.incrementAndGet(); // counted once published, so whoever sees the count sees the certificate
            LOG.log(Level.INFO, "acme: Certificate " + ref + " issued for " + spec.dnsNames() + " in "
                    + took.toMillis() + " ms, valid until " + leaf.getNotAfter().toInstant() + ", renewal at " + next);
        } catch (AcmeException | IOException | RuntimeException e) {
            if (!spec.equals(specs.get(ref))) {
                return; // removed or changed meanwhile: its status went with it
            }
            failures.incrementAndGet();
            int n = failed + 1;
            Duration backoff = Duration.ofSeconds(Math.min(3600, 10L << Math.min(n - 1, 9)));
            if (e instanceof AcmeException a && a.retryAfter() != null
                    && a.retryAfter().isAfter(clock.instant().plus(backoff))) {
                backoff = Duration.between(clock.instant(), a.retryAfter());
            }
            String reason = e instanceof AcmeException ? "Failed" : "Error";
            setStatus(spec, current != null ? "True" : "False", reason, e.getMessage(),
                    current == null ? null : current.leaf(), clock.instant().plus(backoff), n, null);
            LOG.log(Level.WARNING, "acme: Certificate " + ref + ": issuance failed (try " + n + "), next in "
                    + backoff.toSeconds() + " s: " + e.getMessage());
            schedule(ref, backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Instant[] ariWindow(AcmeClient client, X509Certificate leaf) {
        try {
            String id = Keys.ariCertId(leaf);
            return id == null ? null : client.renewalWindow(id);
        } catch (AcmeException | RuntimeException e) {
            return null;
        }
    }

    private void setStatus(CertificateSpec spec, String ready, String reason, String message, X509Certificate leaf,
            Instant next, int failed, Duration took) {
        Status old = status.get(spec.ref());
        Duration last = took != null ? took : old == null ? null : old.lastIssuance();
        status.put(spec.ref(), new Status(spec, ready, reason, message,
                leaf == null ? null : leaf.getNotAfter().toInstant(), next, failed, last));
    }

    private synchronized void republish() {
        List<TlsCertificate> all = new ArrayList<>(issued.values());
        published = List.copyOf(all);
        version++;
        onChange.run();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
