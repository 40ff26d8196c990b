package edgebox.proxy.model;

/**
 * A {@code v1} Secret the proxy accepts: of type {@code kubernetes.io/tls} (a certificate; the PEM itself is read by
 * the TLS side) or {@code Opaque} (values for other functions, such as the ACME solvers' tokens and keys; never a
 * certificate). The values are checked at parsing and not kept here.
 */
public record TlsSecret(Meta meta, String type) implements Resource {

    public static final String TLS = "kubernetes.io/tls";
    public static final String OPAQUE = "Opaque";

    @Override
    public String kind() {
        return "Secret";
    }

    /** Whether it holds a certificate ({@code kubernetes.io/tls}). */
    public boolean tls() {
        return TLS.equals(type);
    }
}
