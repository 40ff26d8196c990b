package edgebox.l2.plan;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import edgebox.api.net.Cidr;
import edgebox.l2.vrrp.RouterSettings;

/** Reads the announcer's VIPs and virtual routers; each refusal names the configuration and the field. */
public final class VipsAndRouters {

    public static final String VIP_PID = "edgebox.l2.vip";
    public static final String VRRP_PID = "edgebox.l2.vrrp";

    private VipsAndRouters() {
    }

    /** A VIP ({@code edgebox.l2.vip~NAME}): its address and optional interface. */
    public static Announcement vip(String pid, Map<String, ?> properties) {
        Props p = new Props(pid, properties);
        String address = p.str("address", null);
        if (address == null) {
            throw p.problem("address", "required: the virtual IP to announce");
        }
        InetAddress a = address(p, "address", address);
        String iface = p.str("interface", null);
        if (iface != null) {
            regex(p, "interface", iface);
        }
        return new Announcement(a, iface, null, List.of(pid));
    }

    /** A virtual router ({@code edgebox.l2.vrrp~NAME}). */
    public static RouterSettings router(String pid, Map<String, ?> properties) {
        Props p = new Props(pid, properties);
        String iface = p.str("interface", null);
        if (iface == null) {
            throw p.problem("interface", "required: the interface the router speaks VRRP on");
        }
        int vrid = p.integer("vrid", -1, 1, 255);
        if (vrid < 0) {
            throw p.problem("vrid", "required: the virtual router id, 1-255");
        }
        int interval = p.integer("advertIntervalMillis", 100, 10, 40_950);
        if (interval % 10 != 0) {
            throw p.problem("advertIntervalMillis", interval + " is not a multiple of 10 (VRRP counts centiseconds)");
        }
        List<InetAddress> addresses = new ArrayList<>();
        List<Cidr> claims = new ArrayList<>();
        List<String> listed = p.list("addresses");
        if (listed.isEmpty()) {
            throw p.problem("addresses", "required: the router's VIPs (addresses or CIDR blocks)");
        }
        for (String s : listed) {
            Cidr c;
            try {
                c = Cidr.parse(s);
            } catch (IllegalArgumentException e) {
                throw p.problem("addresses", e.getMessage());
            }
            if (c.prefix() == (c.ipv4() ? 32 : 128)) {
                addresses.add(c.base());
            } else {
                claims.add(c);
            }
        }
        boolean v4 = addresses.isEmpty() ? claims.get(0).ipv4() : addresses.get(0) instanceof java.net.Inet4Address;
        boolean mixed = addresses.stream().anyMatch(a -> (a instanceof java.net.Inet4Address) != v4)
                || claims.stream().anyMatch(c -> c.ipv4() != v4);
        if (mixed) {
            throw p.problem("addresses", "mixes IPv4 and IPv6: a VRRP router serves one family (make two routers)");
        }
        return new RouterSettings(name(pid), iface, vrid, p.integer("priority", 100, 1, 255),
                p.bool("preempt", true), interval / 10, addresses, claims);
    }

    static String name(String pid) {
        int tilde = pid.indexOf('~');
        return tilde < 0 ? pid : pid.substring(tilde + 1);
    }

    static InetAddress address(Props p, String field, String text) {
        try {
            return Cidr.address(text);
        } catch (IllegalArgumentException e) {
            throw p.problem(field, e.getMessage());
        }
    }

    static Pattern regex(Props p, String field, String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw p.problem(field, "\"" + text + "\" is not a regular expression: " + e.getDescription());
        }
    }
}
