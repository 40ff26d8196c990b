package edgebox.proxy.tls;

import static edgebox.objects.testing.TestCertificates.Kind.EC;
import static edgebox.objects.testing.TestCertificates.Kind.RSA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import edgebox.objects.testing.TestCertificates;
import edgebox.api.tls.TlsCertificate;
import edgebox.proxy.route.ListenerInfo;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;

class CertificateIndexTest {

    private static final TlsCertificate EXACT = TestCertificates.make(RSA, "shop.example.com").tls("web", "shop");
    private static final TlsCertificate WILDCARD = TestCertificates.make(EC, "*.example.com", "example.com")
            .tls("web", "wild");
    private static final TlsCertificate OTHER = TestCertificates.make(EC, "other.test").tls("web", "other");

    private static ListenerInfo listener(String... refs) {
        return new ListenerInfo("web/gw", "https", 443, ListenerInfo.Protocol.HTTPS, "",
                ListenerInfo.TlsMode.TERMINATE, List.of(refs));
    }

    private static String chosen(CertificateIndex index, ListenerInfo listener, String sni) {
        SslContext context = index.select(listener, sni);
        if (context == null) {
            return null;
        }
        for (String ref : index.refs()) {
            if (index.select(listener(ref), "") == context) {
                return ref;
            }
        }
        throw new AssertionError("context of no ref");
    }

    @Test
    void exactThenWildcardThenFirstRef() {
        CertificateIndex index = CertificateIndex.of(List.of(OTHER, WILDCARD, EXACT), SslProvider.JDK);
        ListenerInfo l = listener("web/other", "web/wild", "web/shop");
        assertEquals("web/shop", chosen(index, l, "shop.example.com"));
        assertEquals("web/wild", chosen(index, l, "cart.example.com"));
        assertEquals("web/wild", chosen(index, l, "example.com"));
        assertEquals("web/other", chosen(index, l, "a.b.example.com"), "a wildcard covers one label only");
        assertEquals("web/other", chosen(index, l, ""));
        assertEquals("web/other", chosen(index, l, "other.test"));
    }

    @Test
    void onlyTheListenersRefsCountAndMissingRefsAreSkipped() {
        CertificateIndex index = CertificateIndex.of(List.of(EXACT, WILDCARD), SslProvider.JDK);
        assertEquals("web/wild", chosen(index, listener("web/missing", "web/wild"), "shop.example.com"));
        assertNull(index.select(listener("web/missing"), "shop.example.com"));
        assertNull(index.select(listener(), "shop.example.com"));
    }

    @Test
    void sameRefTheLaterNotAfterWinsInEitherOrder() {
        TlsCertificate shortLived = TestCertificates.make(EC, Duration.ofDays(1), "x.example.com").tls("web", "x");
        TlsCertificate longLived = TestCertificates.make(EC, Duration.ofDays(90), "x.example.com").tls("web", "x");
        for (List<TlsCertificate> order : List.of(List.of(shortLived, longLived), List.of(longLived, shortLived))) {
            CertificateIndex index = CertificateIndex.of(order, SslProvider.JDK);
            assertEquals(longLived, index.certificate("web/x"));
            assertEquals(1, index.refs().size());
        }
    }

    @Test
    void nextKeepsTheContextsOfUnchangedCertificates() {
        CertificateIndex first = CertificateIndex.of(List.of(EXACT, WILDCARD), SslProvider.JDK);
        TlsCertificate renewed = TestCertificates.make(EC, "*.example.com").tls("web", "wild");
        CertificateIndex second = first.next(List.of(EXACT, renewed));
        assertSame(first.select(listener("web/shop"), ""), second.select(listener("web/shop"), ""));
        assertNotSame(first.select(listener("web/wild"), ""), second.select(listener("web/wild"), ""));
        assertEquals(renewed, second.certificate("web/wild"));
    }

    @Test
    void dnsNamesFallBackToTheCommonName() {
        assertEquals(List.of("no-san"), CertificateIndex.dnsNames(TestCertificates.make(EC).certificate()));
        assertEquals(List.of("*.example.com", "example.com"), CertificateIndex.dnsNames(WILDCARD.leaf()));
    }

    @Test
    void contextsFollowThePolicy() throws Exception {
        SslContext context = CertificateIndex.of(List.of(EXACT), SslProvider.JDK).select(listener("web/shop"), "");
        assertTrue(context.isServer());
        assertTrue(TlsSettings.CIPHERS.containsAll(context.cipherSuites()), context.cipherSuites().toString());
        assertTrue(context.cipherSuites().contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        assertEquals(List.of("h2", "http/1.1"), context.applicationProtocolNegotiator().protocols());
        javax.net.ssl.SSLEngine engine = context.newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT);
        assertEquals(java.util.Set.of("TLSv1.3", "TLSv1.2"), java.util.Set.of(engine.getEnabledProtocols()));
        // TLS 1.2 suites must all be on HTTP/2's allowed list, or h2 clients would refuse the connection
        assertTrue(io.netty.handler.codec.http2.Http2SecurityUtil.CIPHERS.containsAll(
                context.cipherSuites().stream().filter(s -> s.startsWith("TLS_ECDHE")).toList()));
    }

    @Test
    void anIndexGrownFromEmptyUsesThePreferredEngine() {
        assertEquals(SslProvider.OPENSSL, TlsSettings.preferredProvider(), "BoringSSL loads in the tests, as in the box: "
                + TlsSettings.openSslUnavailability());
        assertEquals(SslProvider.OPENSSL, CertificateIndex.EMPTY.next(List.of(EXACT)).provider());
    }
}
