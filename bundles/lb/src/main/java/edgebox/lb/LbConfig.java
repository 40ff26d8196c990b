package edgebox.lb;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "edgebox DSR load balancer",
        description = "Where the load balancer takes VIP frames and how it picks and checks backends")
public @interface LbConfig {

    @AttributeDefinition(required = false, description = "Interfaces whose VIP frames are balanced (the segment's); "
            + "none: the data path stays off")
    String[] interfaces() default {};

    @AttributeDefinition(description = "How frames are taken and sent: tpacket (a TPACKET_V3 ring, the fast one) or "
            + "pcap (libpcap)")
    String packetPath() default "tpacket";

    @AttributeDefinition(description = "Frames a port takes from its ring and sends in one go", min = "1",
            max = "4096")
    int batch() default 256;

    @AttributeDefinition(description = "Megabytes of each port's receive ring and of its send ring", min = "1",
            max = "1024")
    int bufferMegabytes() default 16;

    @AttributeDefinition(description = "Maglev table size, a prime: 16381, 65537 or 131071")
    int tableSize() default 65537;

    @AttributeDefinition(description = "Maglev hash seed; the same on every box, so that boxes pick the same backend "
            + "for a flow")
    long seed() default 0;

    @AttributeDefinition(description = "Flows the connection table holds before the least recently used goes",
            min = "1024", max = "16777216")
    int connectionTableSize() default 262144;

    @AttributeDefinition(required = false, description = "IPv4 address of the router toward backends on other "
            + "segments (IPIP); empty: only backends on the interfaces' own subnets")
    String router4() default "";

    @AttributeDefinition(required = false, description = "IPv6 address of that router")
    String router6() default "";

    @AttributeDefinition(description = "Default health check interval (Go-style duration)")
    String healthInterval() default "5s";

    @AttributeDefinition(description = "Default health check timeout, below the interval")
    String healthTimeout() default "2s";

    @AttributeDefinition(description = "Default passing checks that bring a failed backend back", min = "1",
            max = "100")
    int healthyThreshold() default 2;

    @AttributeDefinition(description = "Default failed checks that take a backend out", min = "1", max = "100")
    int unhealthyThreshold() default 3;

    @AttributeDefinition(description = "Route the forwarded VIPs to blackhole on this host, so its kernel neither "
            + "answers nor forwards their traffic (undone on stop)")
    boolean hostIntegration() default true;
}
