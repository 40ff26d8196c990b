package edgebox.l2.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.api.net.Cidr;
import edgebox.l2.L2View;
import edgebox.l2.run.RouterStatus;
import edgebox.l2.run.VipStatus;

/** {@code l2:vips} and {@code l2:vrrp}: what the announcer owns and how its virtual routers stand. Formats only. */
@Component(service = L2Commands.class, property = {"osgi.command.scope=l2", "osgi.command.function=vips",
        "osgi.command.function=vrrp"})
public class L2Commands {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final L2View view;

    @Activate
    public L2Commands(@Reference L2View view) {
        this.view = view;
    }

    public String vips() {
        StringBuilder b = new StringBuilder(String.format("%-28s %-12s %-8s %-10s %-13s %-13s %s%n", "ADDRESS",
                "INTERFACE", "ROUTER", "STATE", "SINCE", "LAST-GARP", "SOURCE"));
        for (VipStatus v : view.vips()) {
            b.append(String.format("%-28s %-12s %-8s %-10s %-13s %-13s %s%n", Cidr.text(v.address()),
                    v.interfaces().isEmpty() ? "-" : String.join(",", v.interfaces()),
                    v.router() == null ? "-" : v.router(), v.state(), time(v.sinceMillis()),
                    time(v.lastGarpMillis()), String.join(", ", v.sources())));
        }
        return b.append(problems()).toString();
    }

    public String vrrp() {
        StringBuilder b = new StringBuilder(String.format("%-14s %-5s %-12s %-7s %-8s %-7s %-28s %s%n", "NAME",
                "VRID", "INTERFACE", "STATE", "PRIORITY", "ADVERT", "MASTER", "SINCE"));
        for (RouterStatus r : view.routers()) {
            b.append(String.format("%-14s %-5d %-12s %-7s %-8d %-7s %-28s %s%n", r.name(), r.vrid(),
                    r.interfaceName(), r.state().toUpperCase(java.util.Locale.ROOT), r.priority(),
                    r.advertMillis() + "ms", r.master().isEmpty() ? "-" : r.master(), time(r.sinceMillis())));
            if (r.problem() != null) {
                b.append("  problem: ").append(r.problem()).append('\n');
            }
        }
        return b.toString();
    }

    private String problems() {
        List<String> problems = view.problems();
        StringBuilder b = new StringBuilder();
        problems.forEach(p -> b.append("problem: ").append(p).append('\n'));
        return b.toString();
    }

    private static String time(long millis) {
        return millis <= 0 ? "-" : TIME.format(Instant.ofEpochMilli(millis));
    }
}
