package edgebox.acme.issue;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import edgebox.acme.client.AcmeClient;
import edgebox.acme.client.AcmeException;
import edgebox.acme.client.Http;
import edgebox.acme.client.RemoteJson;
import edgebox.acme.model.Issuer;
import edgebox.acme.store.AcmeStore;

/**
 * One ACME account per issuer: its key from the store (made once), created or found at the server with the issuer's
 * contact and external account binding, over TLS that trusts the issuer's caBundle. Kept until the issuer changes.
 */
final class Accounts {

    private static final System.Logger LOG = System.getLogger("edgebox.acme");

    /** An account and the client that signs with its key. */
    record Account(AcmeClient client, String url, Issuer issuer) {
    }

    private final AcmeStore store;
    private final RemoteJson json;
    private final Function<Issuer, byte[]> eabKeys;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    Accounts(AcmeStore store, RemoteJson json, Function<Issuer, byte[]> eabKeys) {
        this.store = store;
        this.json = json;
        this.eabKeys = eabKeys;
    }

    Map<String, Account> all() {
        return Map.copyOf(accounts);
    }

    void remove(String issuerKey) {
        accounts.remove(issuerKey);
    }

    /** The issuer's account, created at the server on first use (one at a time). */
    synchronized Account of(Issuer issuer) throws AcmeException, IOException {
        Account a = accounts.get(issuer.key());
        if (a != null) {
            return a;
        }
        KeyPair key = store.accountKey(issuer.accountKeyName());
        AcmeClient client = AcmeClient.of(issuer.server(), Http.jdk(tls(issuer)), json, key);
        List<String> contacts = issuer.email() == null ? List.of() : List.of("mailto:" + issuer.email());
        String url;
        if (issuer.eab().isEmpty()) {
            url = client.account(contacts, null, null);
        } else {
            byte[] mac;
            try {
                mac = eabKeys.apply(issuer);
            } catch (RuntimeException e) {
                throw new AcmeException("issuer " + issuer.key() + ": externalAccountBinding: " + e.getMessage());
            }
            url = client.account(contacts, issuer.eab().get("keyID"), mac);
        }
        a = new Account(client, url, issuer);
        accounts.put(issuer.key(), a);
        LOG.log(Level.INFO, "acme: issuer " + issuer.key() + ": account " + url);
        return a;
    }

    private static SSLContext tls(Issuer issuer) throws IOException {
        if (issuer.caBundle().isEmpty()) {
            return null;
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : issuer.caBundle()) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("issuer " + issuer.key() + ": caBundle unusable: " + e.getMessage(), e);
        }
    }
}
