package edgebox.acme.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.acme.AcmeComponent;
import edgebox.acme.issue.Manager;

/**
 * {@code acme:certs} (each Certificate: names, issuer, Ready condition and reason, not-after, next run, last
 * error; an implicit one with the Gateway listeners it comes from; what the Gateway shim left out),
 * {@code acme:renew NAMESPACE/NAME} (issue again now), {@code acme:accounts}. Only formats; renew is the one command
 * that acts.
 */
@Component(service = AcmeCommands.class, property = {"osgi.command.scope=acme", "osgi.command.function=certs",
    "osgi.command.function=renew", "osgi.command.function=accounts"})
public class AcmeCommands {

    private final AcmeComponent acme;

    @Activate
    public AcmeCommands(@Reference AcmeComponent acme) {
        this.acme = acme;
    }

    public String certs() {
        Map<String, Manager.Status> all = acme.manager().status();
        Map<String, List<String>> implicit = acme.catalog().origins();
        StringBuilder b = new StringBuilder(String.format("%-28s %-28s %-6s %-8s %-20s %-20s %s%n", "CERTIFICATE",
                "ISSUER", "READY", "REASON", "NOT AFTER", "NEXT RUN", "NAMES / MESSAGE"));
        for (Manager.Status s : all.values()) {
            b.append(String.format("%-28s %-28s %-6s %-8s %-20s %-20s %s%n", s.spec().ref(), s.spec().issuerKey(),
                    s.condition(), s.reason(), time(s.notAfter()), time(s.nextRun()),
                    String.join(",", s.spec().dnsNames()) + (s.failures() > 0 ? " (failures " + s.failures()
                            + "): " + s.message() : s.lastIssuance() == null ? ""
                                    : " (last issuance " + s.lastIssuance().toMillis() + " ms)")));
            List<String> origins = implicit.get(s.spec().ref());
            if (origins != null) {
                b.append("    implicit, from ").append(String.join("; ", origins)).append('\n');
            }
        }
        b.append(all.size()).append(" certificates, ").append(implicit.size()).append(" implicit\n");
        acme.catalog().problems().forEach(p -> b.append("left out: ").append(p).append('\n'));
        return b.toString();
    }

    public String renew(String ref) {
        String full = ref.contains("/") ? ref : "default/" + ref;
        return acme.manager().renewNow(full) ? "renewal of " + full + " started" : "no Certificate " + full;
    }

    public String accounts() {
        StringBuilder b = new StringBuilder(String.format("%-32s %s%n", "ISSUER", "ACCOUNT"));
        acme.manager().accounts().forEach((k, v) -> b.append(String.format("%-32s %s%n", k, v)));
        acme.manager().issuers().stream().filter(i -> !acme.manager().accounts().containsKey(i.key()))
                .forEach(i -> b.append(String.format("%-32s %s%n", i.key(), "(no account yet) " + i.server())));
        return b.toString();
    }

    private static String time(Instant t) {
        return t == null ? "-" : t.toString().replaceFirst("\\.\\d+Z$", "Z");
    }
}
