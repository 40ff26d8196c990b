package edgebox.proxy.model;

/** A Secret of type kubernetes.io/tls; the PEM itself is read by the TLS side. */
public record TlsSecret(Meta meta) implements Resource {

    @Override
    public String kind() {
        return "Secret";
    }
}
