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
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JOSE pieces ACME needs (RFC 7515, 7517, 7638 as profiled by RFC 8555 section 6.2): an ES256 flattened JWS
 * signed with an ECDSA P-256 account key, its JWK and JWK thumbprint, key authorizations and the HS256 external
 * account binding. Signing uses the JDK's providers; the signature is R || S (IEEE P1363), as JWS wants.
 */
public final class Jose {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Jose() {
    }

    public static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    public static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The public JWK of a P-256 key, members in the order RFC 7638 hashes them. */
    public static Map<String, Object> jwk(ECPublicKey key) {
        if (key.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException("the account key must be ECDSA P-256");
        }
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("crv", "P-256");
        jwk.put("kty", "EC");
        jwk.put("x", b64(unsigned(key.getW().getAffineX(), 32)));
        jwk.put("y", b64(unsigned(key.getW().getAffineY(), 32)));
        return jwk;
    }

    /** base64url(SHA-256(JWK)) per RFC 7638. */
    public static String thumbprint(ECPublicKey key) {
        return b64(sha256(Json.write(jwk(key))));
    }

    /** {@code token.thumbprint} (RFC 8555 section 8.1). */
    public static String keyAuthorization(String token, ECPublicKey key) {
        return token + "." + thumbprint(key);
    }

    /** The TXT value of a DNS-01 challenge: base64url(SHA-256(key authorization)). */
    public static String dnsValue(String keyAuthorization) {
        return b64(sha256(keyAuthorization));
    }

    /**
     * A flattened JWS: protected header {@code alg ES256, nonce, url} and either {@code kid} (the account URL) or,
     * when {@code kid} is null, the {@code jwk}. A null payload is the empty payload of POST-as-GET.
     */
    public static Map<String, Object> sign(KeyPair account, String kid, String nonce, String url, Object payload) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "ES256");
        if (kid == null) {
            header.put("jwk", jwk((ECPublicKey) account.getPublic()));
        } else {
            header.put("kid", kid);
        }
        header.put("nonce", nonce);
        header.put("url", url);
        String prot = b64(Json.write(header));
        String body = payload == null ? "" : b64(Json.write(payload));
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
    public static Map<String, Object> externalAccountBinding(String keyId, byte[] macKey, ECPublicKey account,
            String url) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("kid", keyId);
        header.put("url", url);
        String prot = b64(Json.write(header));
        String body = b64(Json.write(jwk(account)));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            return jws(prot, body, b64(mac.doFinal((prot + "." + body).getBytes(StandardCharsets.US_ASCII))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HS256 failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> jws(String prot, String payload, String signature) {
        Map<String, Object> jws = new LinkedHashMap<>();
        jws.put("protected", prot);
        jws.put("payload", payload);
        jws.put("signature", signature);
        return jws;
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
