package edgebox.acme.client;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The JOSE pieces ACME needs (RFC 7515, 7517, 7638 as profiled by RFC 8555 section 6.2): an ES256 flattened JWS
 * signed with an ECDSA P-256 account key, its JWK and JWK thumbprint, the DNS-01 value of a key authorization and the
 * HS256 external account binding. Signing uses the JDK's providers; the signature is R || S (IEEE P1363), as JWS
 * wants. The JSON is built and written by {@link RemoteJson}.
 */
public final class Jose {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final RemoteJson json;

    public Jose(RemoteJson json) {
        this.json = json;
    }

    public static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    public static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The public JWK of a P-256 key, members in the order RFC 7638 hashes them. */
    public JsonObject jwk(ECPublicKey key) {
        if (key.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException("the account key must be ECDSA P-256");
        }
        return json.object()
                .add("crv", "P-256")
                .add("kty", "EC")
                .add("x", b64(unsigned(key.getW().getAffineX(), 32)))
                .add("y", b64(unsigned(key.getW().getAffineY(), 32)))
                .build();
    }

    /** base64url(SHA-256(JWK)) per RFC 7638. */
    public String thumbprint(ECPublicKey key) {
        return b64(sha256(json.text(jwk(key))));
    }

    /** The TXT value of a DNS-01 challenge: base64url(SHA-256(key authorization)). */
    public static String dnsValue(String keyAuthorization) {
        return b64(sha256(keyAuthorization));
    }

    /**
     * A flattened JWS: protected header {@code alg ES256, nonce, url} and either {@code kid} (the account URL) or,
     * when {@code kid} is null, the {@code jwk}. A null payload is the empty payload of POST-as-GET.
     */
    public JsonObject sign(KeyPair account, String kid, String nonce, String url, JsonObject payload) {
        JsonObjectBuilder header = json.object().add("alg", "ES256");
        if (kid == null) {
            header.add("jwk", jwk((ECPublicKey) account.getPublic()));
        } else {
            header.add("kid", kid);
        }
        header.add("nonce", nonce).add("url", url);
        String prot = b64(json.text(header.build()));
        String body = payload == null ? "" : b64(json.text(payload));
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(account.getPrivate());
            s.update((prot + "." + body).getBytes(StandardCharsets.US_ASCII));
            return jws(prot, body, b64(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES256 signing failed: " + e.getMessage(), e);
        }
    }

    /** The external account binding (RFC 8555 section 7.3.4): the account JWK signed with the CA's MAC key. */
    public JsonObject externalAccountBinding(String keyId, byte[] macKey, ECPublicKey account, String url) {
        String prot = b64(json.text(json.object().add("alg", "HS256").add("kid", keyId).add("url", url).build()));
        String body = b64(json.text(jwk(account)));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            return jws(prot, body, b64(mac.doFinal((prot + "." + body).getBytes(StandardCharsets.US_ASCII))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HS256 failed: " + e.getMessage(), e);
        }
    }

    private JsonObject jws(String prot, String payload, String signature) {
        return json.object().add("protected", prot).add("payload", payload).add("signature", signature).build();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger n, int length) {
        byte[] raw = n.toByteArray();
        if (raw.length == length) {
            return raw;
        }
        if (raw.length > length) {
            return Arrays.copyOfRange(raw, raw.length - length, raw.length);
        }
        byte[] out = new byte[length];
        System.arraycopy(raw, 0, out, length - raw.length, raw.length);
        return out;
    }
}
