package edgebox.acme.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of an issuer's {@code solvers}: how to prove control (the box's own DNS, or HTTP-01 through the proxy)
 * and the selector that says for which names (cert-manager's rules: a {@code dnsNames} match beats the longest
 * {@code dnsZones} match, which beats {@code matchLabels}; a solver without selector takes any name).
 */
public record Solver(Type type, List<String> dnsNames, List<String> dnsZones, Map<String, String> matchLabels,
        Map<String, String> settings) {

    public enum Type {
        /** {@code dns01: {edgebox: {}}}: the TXT record is served by the box's own DNS. */
        DNS01_EDGEBOX("dns-01"),
        /**
         * {@code dns01: {cloudflare: {apiTokenSecretRef: {name, key}}}}: the TXT record is made through the
         * Cloudflare API; settings {@code secretName}, {@code secretKey}.
         */
        DNS01_CLOUDFLARE("dns-01"),
        /**
         * {@code dns01: {rfc2136: {nameserver, tsigKeyName, tsigAlgorithm, tsigSecretSecretRef}}}: dynamic update;
         * settings {@code nameserver}, {@code tsigKeyName}, {@code tsigAlgorithm}, {@code secretName},
         * {@code secretKey}.
         */
        DNS01_RFC2136("dns-01"),
        /** {@code http01: {gatewayHTTPRoute: ...}}: the proxy answers the token on every plain-HTTP listener. */
        HTTP01("http-01");

        public final String challenge;

        Type(String challenge) {
            this.challenge = challenge;
        }
    }

    public Solver {
        dnsNames = List.copyOf(dnsNames);
        dnsZones = List.copyOf(dnsZones);
        matchLabels = Map.copyOf(matchLabels);
        settings = Map.copyOf(settings);
    }

    public Solver(Type type, List<String> dnsNames, List<String> dnsZones, Map<String, String> matchLabels) {
        this(type, dnsNames, dnsZones, matchLabels, Map.of());
    }

    /**
     * How well this solver fits {@code name} (as ordered, {@code *.} kept) of a Certificate with {@code labels}:
     * negative when it does not apply, higher is more specific.
     */
    public int score(String name, Map<String, String> labels) {
        if (type == Type.HTTP01 && name.startsWith("*.")) {
            return -1;
        }
        String n = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return -1;
            }
        }
        boolean selective = !dnsNames.isEmpty() || !dnsZones.isEmpty();
        if (dnsNames.stream().anyMatch(d -> d.equalsIgnoreCase(n))) {
            return 100_000 + matchLabels.size();
        }
        String bare = n.startsWith("*.") ? n.substring(2) : n;
        int best = -1;
        for (String z : dnsZones) {
            String zone = z.toLowerCase(Locale.ROOT);
            if (bare.equals(zone) || bare.endsWith("." + zone)) {
                best = Math.max(best, 1000 + zone.length() * 10 + matchLabels.size());
            }
        }
        if (best >= 0) {
            return best;
        }
        return selective ? -1 : matchLabels.size();
    }

    /** The best solver of {@code solvers} for a name, or null. */
    public static Solver select(List<Solver> solvers, String name, Map<String, String> labels) {
        Solver best = null;
        int bestScore = -1;
        for (Solver s : solvers) {
            int score = s.score(name, labels);
            if (score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        return best;
    }
}
