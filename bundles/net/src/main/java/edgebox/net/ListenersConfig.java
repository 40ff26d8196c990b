package edgebox.net;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "edgebox listening sockets",
        description = "Listening sockets held for the functions that lease them, so a function's update refuses no "
                + "connection.")
@interface ListenersConfig {

    @AttributeDefinition(name = "Grace period (seconds)",
            description = "How long a socket whose lease was closed stays bound, not accepting, waiting for the next "
                    + "lease; then it is closed.", min = "0", max = "3600")
    int graceSeconds() default 10;
}
