package edgebox.objects;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code edgebox.objects}: which Gateways are the box's, and where one without addresses binds. */
@ObjectClassDefinition(name = "edgebox objects", description = "The shared Kubernetes objects and the facts derived "
        + "from them")
public @interface ObjectsConfig {

    @AttributeDefinition(description = "GatewayClass names whose Gateways this box serves")
    String[] gatewayClassNames() default {"edgebox"};

    @AttributeDefinition(description = "Address a Gateway without spec.addresses binds on")
    String defaultAddress() default "127.0.0.1";
}
