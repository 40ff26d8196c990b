package edgebox.acme;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code edgebox.acme}: where the ACME function keeps its keys and certificates, and its automatic issuer. */
@ObjectClassDefinition(name = "edgebox ACME", description = "RFC 8555 certificates for the proxy")
public @interface AcmeConfig {

    @AttributeDefinition(name = "Data folder", description = "account keys, private keys and certificates "
            + "(mode 0600), relative to the home")
    String dataDir() default "data/acme";

    @AttributeDefinition(name = "Cloudflare API", description = "the base URL of the Cloudflare API v4 for "
            + "dns01 cloudflare solvers")
    String cloudflareApi() default "https://api.cloudflare.com/client/v4";

    @AttributeDefinition(name = "Automatic issuer", description = "a ClusterIssuer that issues for HTTPS listeners "
            + "of Gateways without cert-manager.io annotations whose certificateRefs name a Secret no TLS Secret and "
            + "no Certificate provides; empty: off")
    String autoIssuer() default "";
}
