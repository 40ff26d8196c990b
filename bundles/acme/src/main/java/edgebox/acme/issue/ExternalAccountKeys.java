package edgebox.acme.issue;

import java.util.Base64;
import java.util.Map;

import edgebox.acme.model.Issuer;

/**
 * The MAC key of an issuer's external account binding: the value of the Secret its {@code keySecretRef} names,
 * base64url as CAs hand it out (plain base64, padded or not, is taken too). The value is never put in a message.
 */
public final class ExternalAccountKeys {

    private final Secrets secrets;

    public ExternalAccountKeys(Secrets secrets) {
        this.secrets = secrets;
    }

    public byte[] key(Issuer issuer) {
        Map<String, String> eab = issuer.eab();
        String value = secrets.value(eab.get("secretNamespace"), eab.get("secretName"), eab.get("secretKey"));
        try {
            return Base64.getUrlDecoder().decode(value.replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Secret " + eab.get("secretName") + " key " + eab.get("secretKey")
                    + ": not base64url");
        }
    }
}
