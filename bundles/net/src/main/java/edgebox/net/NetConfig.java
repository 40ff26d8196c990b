package edgebox.net;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "edgebox network transport",
        description = "The box's one netty event loop group, shared by every function with sockets.")
@interface NetConfig {

    @AttributeDefinition(name = "Threads",
            description = "Event loop threads; 0 means one per available processor.", min = "0", max = "256")
    int threads() default 0;

    @AttributeDefinition(name = "Transport",
            description = "auto picks io_uring, else epoll, else NIO. A transport named here but unavailable falls "
                    + "back to the next one down, with the reason in the log.",
            options = {
                    @org.osgi.service.metatype.annotations.Option(label = "auto", value = "auto"),
                    @org.osgi.service.metatype.annotations.Option(label = "io_uring", value = "io_uring"),
                    @org.osgi.service.metatype.annotations.Option(label = "epoll", value = "epoll"),
                    @org.osgi.service.metatype.annotations.Option(label = "nio", value = "nio") })
    String transport() default "auto";
}
