package edgebox.proxy.tls;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import edgebox.api.config.ConfigProblem;
import edgebox.api.tls.TlsCertificate;

/**
 * A {@code v1} Secret of type {@code kubernetes.io/tls}, as flattened configuration properties, to a
 * {@link TlsCertificate}: {@code data[tls.crt]} and {@code data[tls.key]} base64 PEM, or {@code stringData[...]}
 * plain PEM (stringData wins, as in Kubernetes). An {@code Opaque} Secret (or one without a type) holds values for
 * other functions (the ACME solvers' tokens and keys): no certificate, no problem. The manifest parser refuses the
 * other types.
 */
final class SecretReader {

    static final String TLS_TYPE = "kubernetes.io/tls";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** A certificate, or the problems that refuse the Secret; both empty for a Secret that is not a TLS one. */
    record Result(TlsCertificate certificate, List<ConfigProblem> problems) {
        Result {
            problems = List.copyOf(problems);
        }
    }

    private SecretReader() {
    }

    static Result read(Map<String, ?> properties) {
        String namespace = text(properties.get("metadata.namespace"));
        String name = text(properties.get("metadata.name"));
        String object = "Secret " + namespace + "/" + name;
        List<ConfigProblem> problems = new ArrayList<>();
        if (namespace.isEmpty()) {
            problems.add(ConfigProblem.of(object, "metadata.namespace", "must not be empty"));
        }
        if (name.isEmpty()) {
            problems.add(ConfigProblem.of(object, "metadata.name", "must not be empty"));
        }
        String type = text(properties.get("type"));
        if (!type.equals(TLS_TYPE)) {
            return new Result(null, problems);
        }
        String crtField = field(properties, "tls.crt");
        String keyField = field(properties, "tls.key");
        List<X509Certificate> chain = null;
        PrivateKey key = null;
        try {
            chain = PemDecoder.certificates(pem(properties, crtField));
        } catch (IllegalArgumentException e) {
            problems.add(ConfigProblem.of(object, crtField, e.getMessage()));
        }
        try {
            key = PemDecoder.privateKey(pem(properties, keyField), chain == null ? null : chain.get(0));
        } catch (IllegalArgumentException e) {
            problems.add(ConfigProblem.of(object, keyField, e.getMessage()));
        }
        if (chain != null && key != null) {
            try {
                PemDecoder.requireMatch(key, chain.get(0));
            } catch (IllegalArgumentException e) {
                problems.add(ConfigProblem.of(object, keyField, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        return new Result(new TlsCertificate(namespace, name, key, chain), List.of());
    }

    /** {@code stringData[k]} when present, else {@code data[k]}. */
    private static String field(Map<String, ?> properties, String key) {
        String plain = "stringData[" + key + "]";
        return properties.containsKey(plain) ? plain : "data[" + key + "]";
    }

    private static String pem(Map<String, ?> properties, String field) {
        String value = text(properties.get(field));
        if (value.isEmpty()) {
            throw new IllegalArgumentException("missing: a TLS Secret needs tls.crt and tls.key");
        }
        if (field.startsWith("stringData")) {
            return value;
        }
        try {
            return new String(Base64.getDecoder().decode(WHITESPACE.matcher(value).replaceAll("")),
                    StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64: " + e.getMessage(), e);
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }
}
