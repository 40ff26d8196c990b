package edgebox.proxy;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import edgebox.api.tls.CertificateSource;
import edgebox.api.tls.TlsCertificate;
import edgebox.proxy.tls.CertificateIndex;
import edgebox.proxy.tls.TicketKeys;

/**
 * The certificates of every bound {@link CertificateSource}, as one {@link CertificateIndex} rebuilt (reusing the
 * contexts of unchanged certificates) whenever a source comes, changes or goes. The data path reads {@link #index}.
 * Every context shares the session ticket keys, rotated by {@link #rotateTicketKeys}.
 */
final class Certificates {

    private static final Logger LOG = System.getLogger("edgebox.proxy");

    private final Map<CertificateSource, List<TlsCertificate>> sources = new ConcurrentHashMap<>();
    private final TicketKeys ticketKeys = new TicketKeys();
    private volatile CertificateIndex index = CertificateIndex.EMPTY;

    CertificateIndex index() {
        return index;
    }

    void put(CertificateSource source) {
        sources.put(source, source.certificates());
        reindex();
    }

    void remove(CertificateSource source) {
        sources.remove(source);
        reindex();
    }

    synchronized void rotateTicketKeys() {
        ticketKeys.rotate();
        index.contexts().forEach(ticketKeys::applyTo);
    }

    private synchronized void reindex() {
        List<TlsCertificate> all = new ArrayList<>();
        sources.values().forEach(all::addAll);
        CertificateIndex next = index.next(all);
        next.contexts().forEach(ticketKeys::applyTo);
        index = next;
        if (!next.problems().isEmpty()) {
            LOG.log(Level.WARNING, "edgebox.proxy: certificates left out: " + next.problems());
        }
    }
}
