package edgebox.acme;

import java.util.Map;

import edgebox.acme.issue.Manager;
import edgebox.acme.model.Issuer;
import edgebox.acme.model.Manifests;

/**
 * The one issuer a ClusterIssuer or Issuer configuration stands for in the manager: put on each change (a renamed
 * one replaces the old), removed when the configuration goes.
 */
final class IssuerSlot {

    private final String pid;
    private final Manager manager;
    private String key;

    IssuerSlot(String pid, Manager manager) {
        this.pid = pid;
        this.manager = manager;
    }

    void put(Map<String, Object> properties) throws Manifests.Refused {
        Issuer issuer = (Issuer) Manifests.read(pid, properties);
        if (key != null && !key.equals(issuer.key())) {
            manager.removeIssuer(key);
        }
        manager.putIssuer(issuer);
        key = issuer.key();
    }

    void remove() {
        if (key != null) {
            manager.removeIssuer(key);
        }
    }
}
