package edgebox.dns.adguard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import edgebox.dns.forward.Upstream;

/**
 * AdGuard Home's {@code upstream_dns} lines as the forwarder's settings: {@code 9.9.9.9}, {@code udp://9.9.9.9:53},
 * {@code tcp://...} (the forwarder uses UDP and retries truncated answers over TCP) and {@code tls://IP[:port]}
 * become default upstreams, then {@code fallback_dns} after them (tried in order when the first fail);
 * {@code [/a.example/b.example/]upstream ...} sends those domains (and names below them) to their own upstreams,
 * {@code [/a.example/]#} back to the defaults. Upstreams the box cannot reach as written (DNS-over-HTTPS, QUIC,
 * DNSCrypt stamps, a TLS host name without an address) are skipped, each with a note naming it and the reason.
 */
final class AdGuardUpstreams {

    /** What the forwarder takes: {@code upstreams} and {@code domainUpstreams} in its own syntax, and the notes. */
    record Translated(List<String> upstreams, List<String> domainUpstreams, List<String> notes) {
    }

    private AdGuardUpstreams() {
    }

    static Translated translate(String object, List<String> upstreamDns, List<String> fallbackDns) {
        List<String> notes = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        Map<String, List<String>> domains = new LinkedHashMap<>();
        List<String> toDefaults = new ArrayList<>();
        for (int i = 0; i < upstreamDns.size(); i++) {
            String field = object + ": dns.upstream_dns[" + i + "]";
            String line = upstreamDns.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!line.startsWith("[/")) {
                for (String u : line.split("\\s+")) {
                    add(field, u, defaults, notes);
                }
                continue;
            }
            int close = line.indexOf("/]");
            if (close < 0) {
                throw new IllegalArgumentException(field + ": '" + line + "': expected [/domain/]upstream");
            }
            List<String> names = new ArrayList<>();
            for (String d : line.substring(2, close).split("/")) {
                if (!d.isBlank()) {
                    names.add(d.strip().toLowerCase(Locale.ROOT));
                }
            }
            if (names.isEmpty()) {
                throw new IllegalArgumentException(field + ": '" + line + "': no domain between [/ and /]");
            }
            String rest = line.substring(close + 2).strip();
            if (rest.equals("#")) {
                toDefaults.addAll(names);
                continue;
            }
            List<String> ups = new ArrayList<>();
            for (String u : rest.split("\\s+")) {
                if (!u.isEmpty()) {
                    add(field, u, ups, notes);
                }
            }
            for (String d : names) {
                domains.computeIfAbsent(d, k -> new ArrayList<>()).addAll(ups);
            }
        }
        for (int i = 0; i < fallbackDns.size(); i++) {
            add(object + ": dns.fallback_dns[" + i + "]", fallbackDns.get(i).strip(), defaults, notes);
        }
        for (String d : toDefaults) {
            domains.put(d, defaults);
        }
        List<String> split = new ArrayList<>();
        domains.forEach((d, ups) -> {
            if (!ups.isEmpty()) {
                split.add(d + "=" + String.join(",", ups));
            }
        });
        return new Translated(List.copyOf(defaults), List.copyOf(split), List.copyOf(notes));
    }

    private static void add(String field, String text, List<String> into, List<String> notes) {
        if (text.isEmpty()) {
            return;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String plain = lower.startsWith("udp://") || lower.startsWith("tcp://") ? text.substring(6) : text;
        if (lower.startsWith("https://") || lower.startsWith("h3://") || lower.startsWith("quic://")
                || lower.startsWith("sdns://")) {
            notes.add(field + ": '" + text + "' skipped: the forwarder speaks plain DNS and DNS over TLS only");
            return;
        }
        try {
            Upstream.parse(field, plain);
            into.add(plain);
        } catch (IllegalArgumentException e) {
            notes.add(field + ": '" + text + "' skipped: " + e.getMessage().substring(field.length() + 2)
                    + (lower.startsWith("tls://") ? " (write tls://ADDRESS:853#" + "host-name)" : ""));
        }
    }
}
