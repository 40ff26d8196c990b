package edgebox.proxy.tls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import edgebox.api.config.ConfigProblem;
import edgebox.api.tls.TlsCertificate;

/**
 * The TLS Secrets' certificates by configuration PID. A Secret that does not decode is refused and the certificate
 * it replaced, if any, keeps serving. Each change bumps the version and publishes a new immutable list.
 */
final class SecretStore {

    private final Map<String, TlsCertificate> byPid = new LinkedHashMap<>();
    private volatile List<TlsCertificate> certificates = List.of();
    private volatile long version;

    /** Takes the Secret configured as {@code pid}; the problems that refuse it, empty when taken. */
    synchronized List<ConfigProblem> put(String pid, Map<String, ?> properties) {
        SecretReader.Result result = SecretReader.read(properties);
        if (!result.problems().isEmpty()) {
            return result.problems();
        }
        TlsCertificate old = result.certificate() == null ? byPid.remove(pid) : byPid.put(pid, result.certificate());
        if (result.certificate() != null || old != null) {
            publish();
        }
        return List.of();
    }

    synchronized void remove(String pid) {
        if (byPid.remove(pid) != null) {
            publish();
        }
    }

    List<TlsCertificate> certificates() {
        return certificates;
    }

    long version() {
        return version;
    }

    private void publish() {
        certificates = List.copyOf(byPid.values());
        version++;
    }
}
