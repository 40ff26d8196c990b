package edgebox.acme;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code edgebox.acme}: where the ACME function keeps its keys and certificates. */
@ObjectClassDefinition(name = "edgebox ACME", description = "RFC 8555 certificates for the proxy")
public @interface AcmeConfig {

    @AttributeDefinition(name = "Data folder", description = "account keys, private keys and certificates "
            + "(mode 0600), relative to the home")
    String dataDir() default "data/acme";
}
