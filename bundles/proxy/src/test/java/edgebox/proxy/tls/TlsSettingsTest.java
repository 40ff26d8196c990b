package edgebox.proxy.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509TrustManager;

import edgebox.api.tls.TlsCertificate;
import edgebox.objects.testing.TestCertificates;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;

class TlsSettingsTest {

    @Test
    void listenersTrustNoClientCertificate() throws Exception {
        X509TrustManager trust = NoClientCertificates.INSTANCE;
        assertEquals(0, trust.getAcceptedIssuers().length, "no CA is offered to clients");
        X509Certificate client = TestCertificates.make(TestCertificates.Kind.EC, "client.example.com").certificate();
        assertThrows(CertificateException.class, () -> trust.checkClientTrusted(new X509Certificate[] {client},
                "ECDHE_ECDSA"));
    }

    @Test
    void rsaAndEcKeysReachBothEngines() throws Exception {
        for (TestCertificates.Kind kind : TestCertificates.Kind.values()) {
            TlsCertificate certificate = TestCertificates.make(kind, "shop.example.com").tls("web", "shop");
            for (SslProvider provider : new SslProvider[] {SslProvider.OPENSSL, SslProvider.JDK}) {
                SslContext context = TlsSettings.serverContext(certificate, provider);
                SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT);
                assertTrue(engine.getUseClientMode() == false && !engine.getNeedClientAuth()
                        && !engine.getWantClientAuth(), kind + " on " + provider + ": a server asking no client certificate");
                io.netty.util.ReferenceCountUtil.release(engine);
                io.netty.util.ReferenceCountUtil.release(context);
            }
        }
    }
}
