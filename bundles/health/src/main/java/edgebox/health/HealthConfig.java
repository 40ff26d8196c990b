package edgebox.health;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "edgebox health endpoint",
        description = "HTTP /healthz, /readyz and /metrics. Keep it on loopback or a management network.")
@interface HealthConfig {

    @AttributeDefinition(name = "Address", description = "Address to listen on.")
    String address() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "TCP port to listen on.", min = "1", max = "65535")
    int port() default 9090;
}
