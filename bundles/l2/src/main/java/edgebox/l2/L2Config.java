package edgebox.l2;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "edgebox L2 announcer",
        description = "Where and how the box announces the virtual IPs it owns")
public @interface L2Config {

    @AttributeDefinition(required = false, description = "Regular expression of the interfaces that VIPs naming no "
            + "interface are announced on (whole name); empty: none")
    String interfaces() default "";

    @AttributeDefinition(description = "Gratuitous announcements sent on taking a VIP", min = "1", max = "100")
    int garpCount() default 3;

    @AttributeDefinition(description = "Milliseconds between them", min = "1", max = "10000")
    int garpIntervalMillis() default 100;

    @AttributeDefinition(description = "Seconds between repeated announcements while owned; 0: none", min = "0",
            max = "86400")
    int garpRefreshSeconds() default 0;

    @AttributeDefinition(description = "Gratuitous ARP form: request, reply or both")
    String garpForm() default "both";

    @AttributeDefinition(description = "Set arp_ignore=1/arp_announce=2 on the announcing interfaces and put owned "
            + "VIPs on lo (undone on stop)")
    boolean hostIntegration() default true;
}
