package edgebox.proxy.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLException;

import edgebox.api.tls.TlsCertificate;
import edgebox.proxy.route.ListenerInfo;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The certificates TLS listeners may present, by {@code namespace/name}, each with its server {@link SslContext}
 * built once (see {@link TlsSettings}), and one without ALPN for TLS listeners in mode Terminate. Immutable: a change of certificates builds a new index with {@link #next},
 * which keeps the contexts of unchanged certificates. Lookups take no lock and allocate nothing.
 */
public final class CertificateIndex {

    public static final CertificateIndex EMPTY = new CertificateIndex(Map.of(), Map.of(), SslProvider.JDK);

    private final Map<String, Entry> entries;
    private final Map<String, String> problems;
    private final SslProvider provider;

    private CertificateIndex(Map<String, Entry> entries, Map<String, String> problems, SslProvider provider) {
        this.entries = entries;
        this.problems = problems;
        this.provider = provider;
    }

    /** Indexes {@code certificates} on the preferred engine ({@link TlsSettings#preferredProvider()}). */
    public static CertificateIndex of(Collection<TlsCertificate> certificates) {
        return of(certificates, TlsSettings.preferredProvider());
    }

    /**
     * Indexes {@code certificates}; of two with the same {@code namespace/name} the one whose leaf expires later
     * wins (the first on a tie). A certificate the engine refuses is left out and named in {@link #problems()}.
     */
    public static CertificateIndex of(Collection<TlsCertificate> certificates, SslProvider provider) {
        return EMPTY.next(certificates, provider);
    }

    /**
     * A new index of {@code certificates}, reusing this index's contexts for certificates that did not change; from
     * {@link #EMPTY}, on the preferred engine.
     */
    public CertificateIndex next(Collection<TlsCertificate> certificates) {
        return next(certificates, this == EMPTY ? TlsSettings.preferredProvider() : provider);
    }

    private CertificateIndex next(Collection<TlsCertificate> certificates, SslProvider engine) {
        Map<String, TlsCertificate> merged = new LinkedHashMap<>();
        for (TlsCertificate c : certificates) {
            merged.merge(c.ref(), c, (old, neu) -> neu.leaf().getNotAfter().after(old.leaf().getNotAfter()) ? neu : old);
        }
        Map<String, Entry> built = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (TlsCertificate c : merged.values()) {
            Entry old = entries.get(c.ref());
            if (old != null && engine == provider && old.certificate.equals(c)) {
                built.put(c.ref(), old);
                continue;
            }
            try {
                built.put(c.ref(), new Entry(c, TlsSettings.serverContext(c, engine),
                        TlsSettings.serverContext(c, engine, false)));
            } catch (SSLException | RuntimeException e) {
                refused.put(c.ref(), "the TLS engine " + engine + " refuses the certificate: " + e.getMessage());
            }
        }
        return new CertificateIndex(Map.copyOf(built), Map.copyOf(refused), engine);
    }

    /**
     * The context for a ClientHello with server name {@code sni} (lower case, empty when none) on {@code listener}:
     * among the listener's certificateRefs, the first whose names hold {@code sni} exactly, else the first that
     * holds it by a wildcard, else the first available ref. {@code null} when none of its refs is here.
     */
    public SslContext select(ListenerInfo listener, String sni) {
        Entry e = entry(listener, sni);
        return e == null ? null : e.context;
    }

    /**
     * As {@link #select}, the context that offers no ALPN: a TLS listener in mode Terminate relays the plaintext to
     * a TLSRoute backend, so the client and that backend settle their protocol between them.
     */
    public SslContext selectWithoutAlpn(ListenerInfo listener, String sni) {
        Entry e = entry(listener, sni);
        return e == null ? null : e.withoutAlpn;
    }

    private Entry entry(ListenerInfo listener, String sni) {
        Entry first = null;
        Entry wildcard = null;
        List<String> refs = listener.certificateRefs();
        for (int i = 0; i < refs.size(); i++) {
            Entry e = entries.get(refs.get(i));
            if (e == null) {
                continue;
            }
            if (e.exact.contains(sni)) {
                return e;
            }
            if (first == null) {
                first = e;
            }
            if (wildcard == null && e.wildcardMatches(sni)) {
                wildcard = e;
            }
        }
        return wildcard != null ? wildcard : first;
    }

    /** The certificate indexed for {@code ref} ({@code namespace/name}), or null. */
    public TlsCertificate certificate(String ref) {
        Entry e = entries.get(ref);
        return e == null ? null : e.certificate;
    }

    /** The server context of each certificate. */
    public List<SslContext> contexts() {
        return entries.values().stream().map(e -> e.context).toList();
    }

    public Set<String> refs() {
        return entries.keySet();
    }

    /** Certificates left out, by ref, with the reason. */
    public Map<String, String> problems() {
        return problems;
    }

    public SslProvider provider() {
        return provider;
    }

    @Override
    public String toString() {
        return "CertificateIndex[" + entries.size() + " certificates, " + provider + ", " + problems.size()
                + " refused]";
    }

    /** One certificate, its context, and the DNS names of its leaf: exact ones and wildcard suffixes ({@code .example.com}). */
    private static final class Entry {
        final TlsCertificate certificate;
        final SslContext context;
        final SslContext withoutAlpn;
        final Set<String> exact = new HashSet<>();
        final String[] wildcardSuffixes;

        Entry(TlsCertificate certificate, SslContext context, SslContext withoutAlpn) {
            this.certificate = certificate;
            this.context = context;
            this.withoutAlpn = withoutAlpn;
            Set<String> suffixes = new HashSet<>();
            for (String name : dnsNames(certificate.leaf())) {
                String n = name.toLowerCase(Locale.ROOT);
                if (n.startsWith("*.")) {
                    suffixes.add(n.substring(1));
                } else {
                    exact.add(n);
                }
            }
            wildcardSuffixes = suffixes.toArray(String[]::new);
        }

        /** {@code *.example.com} holds {@code a.example.com}, not {@code example.com} nor {@code a.b.example.com}. */
        boolean wildcardMatches(String sni) {
            int dot = sni.indexOf('.');
            if (dot <= 0) {
                return false;
            }
            for (String suffix : wildcardSuffixes) {
                if (sni.length() - dot == suffix.length() && sni.endsWith(suffix)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The leaf's DNS subjectAltNames; its subject CN when it has none. */
    static List<String> dnsNames(X509Certificate leaf) {
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans != null) {
                List<String> names = sans.stream().filter(s -> Integer.valueOf(2).equals(s.get(0)))
                        .map(s -> (String) s.get(1)).toList();
                if (!names.isEmpty()) {
                    return names;
                }
            }
            RDN[] cn = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
            if (cn.length > 0) {
                return List.of(IETFUtils.valueToString(cn[0].getFirst().getValue()));
            }
        } catch (CertificateParsingException | IllegalArgumentException e) {
            // no usable names: the certificate is still the fallback for its listener
        }
        return List.of();
    }
}
