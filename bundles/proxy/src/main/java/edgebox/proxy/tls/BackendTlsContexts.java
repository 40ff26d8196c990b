package edgebox.proxy.tls;

import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import edgebox.proxy.route.BackendTls;
import edgebox.proxy.route.Cluster;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

/**
 * The client {@link SslContext} of each BackendTLSPolicy: built once per policy as the snapshots carry it
 * ({@link #retain} builds those of a new snapshot off the data path and drops those no snapshot names any more), and
 * shared by every connection to the policy's backends. Contexts follow the listeners' protocol and cipher policy
 * ({@link TlsSettings}), offer ALPN http/1.1 only and trust through {@link BackendTrust}.
 */
public final class BackendTlsContexts {

    private static final ApplicationProtocolConfig HTTP_1_1 = new ApplicationProtocolConfig(Protocol.ALPN,
            SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_1_1);

    private final Map<BackendTls, SslContext> contexts = new ConcurrentHashMap<>();
    private final SslProvider provider;

    public BackendTlsContexts() {
        this(TlsSettings.preferredProvider());
    }

    public BackendTlsContexts(SslProvider provider) {
        this.provider = provider;
    }

    /** Builds the contexts of {@code clusters}' policies not built yet; drops those no cluster names. */
    public void retain(Collection<Cluster> clusters) {
        Set<BackendTls> live = new HashSet<>();
        for (Cluster c : clusters) {
            if (c.tls() != null && c.tls().usable()) {
                live.add(c.tls());
                try {
                    context(c.tls());
                } catch (SSLException e) {
                    // the connections to the cluster report it, with its reason, when they are tried
                }
            }
        }
        contexts.keySet().retainAll(live);
    }

    /** The context of {@code tls}, built now if {@link #retain} has not built it; fails for an unusable policy. */
    public SslContext context(BackendTls tls) throws SSLException {
        if (!tls.usable()) {
            throw new SSLException(tls.problem());
        }
        SslContext c = contexts.get(tls);
        if (c != null) {
            return c;
        }
        try {
            return contexts.computeIfAbsent(tls, t -> {
                try {
                    return build(t);
                } catch (SSLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IllegalStateException e) {
            throw new SSLException("BackendTLSPolicy " + tls.policy() + ": no TLS context: " + e.getMessage(), e);
        }
    }

    private SslContext build(BackendTls tls) throws SSLException {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(provider)
                    .protocols(TlsSettings.PROTOCOLS)
                    .ciphers(TlsSettings.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(HTTP_1_1)
                    .trustManager(BackendTrust.of(tls))
                    // BackendTrust checks the names: the policy's subjectAltNames, when given, replace the hostname
                    .endpointIdentificationAlgorithm(null)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new SSLException(e);
        }
    }

    /** A handler for one connection to {@code port} of a backend of {@code tls}: SNI is the policy's hostname. */
    public static SslHandler handler(SslContext context, BackendTls tls, ByteBufAllocator alloc, int port,
            long handshakeTimeoutMillis) {
        SslHandler handler = context.newHandler(alloc, tls.hostname(), port);
        SSLEngine engine = handler.engine();
        SSLParameters params = engine.getSSLParameters();
        params.setServerNames(java.util.List.of(new SNIHostName(tls.hostname())));
        engine.setSSLParameters(params);
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }
}
