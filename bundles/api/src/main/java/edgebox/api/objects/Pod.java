package edgebox.api.objects;

import java.net.InetAddress;
import java.util.List;

/** A {@code v1} Pod as far as the box needs it: its labels and its IPs ({@code status.podIPs}, else podIP). */
public record Pod(Meta meta, List<InetAddress> ips) implements KubeObject {

    public Pod {
        ips = List.copyOf(ips);
    }

    @Override
    public String kind() {
        return "Pod";
    }
}
