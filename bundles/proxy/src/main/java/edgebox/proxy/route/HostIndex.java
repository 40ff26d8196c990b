package edgebox.proxy.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The candidates for a request host on one listener, in the order they are tried: the routes of the exact hostname,
 * then of each wildcard that matches it (longest first), then those without hostname. Within each group the
 * elements keep {@code order}. Built once; a lookup is one map probe or a walk of the wildcard suffixes.
 */
final class HostIndex<T> {

    private final Map<String, List<T>> exact;
    private final String[] wildSuffixes;
    private final List<List<T>> wildLists;
    private final List<T> any;

    /** @param groups elements by effective hostname: exact, {@code *.}wildcard or "" (any host) */
    HostIndex(Map<String, List<T>> groups, Comparator<T> order) {
        List<String> wilds = new ArrayList<>();
        groups.keySet().stream().filter(Hosts::wildcard)
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .forEach(wilds::add);
        List<T> anyGroup = sorted(groups.getOrDefault("", List.of()), order);
        this.any = anyGroup;
        this.wildSuffixes = new String[wilds.size()];
        this.wildLists = new ArrayList<>();
        for (int i = 0; i < wilds.size(); i++) {
            String w = wilds.get(i);
            wildSuffixes[i] = w.substring(1);
            List<T> merged = new ArrayList<>(sorted(groups.get(w), order));
            for (int j = i + 1; j < wilds.size(); j++) {
                if (w.endsWith(wilds.get(j).substring(1))) {
                    merged.addAll(sorted(groups.get(wilds.get(j)), order));
                }
            }
            merged.addAll(anyGroup);
            wildLists.add(List.copyOf(merged));
        }
        this.exact = new HashMap<>();
        groups.forEach((host, items) -> {
            if (host.isEmpty() || Hosts.wildcard(host)) {
                return;
            }
            List<T> merged = new ArrayList<>(sorted(items, order));
            for (String w : wilds) {
                if (Hosts.matches(w, host)) {
                    merged.addAll(sorted(groups.get(w), order));
                }
            }
            merged.addAll(anyGroup);
            exact.put(host, List.copyOf(merged));
        });
    }

    private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(order);
        return List.copyOf(copy);
    }

    /** The candidates for {@code host}, best first; empty when none. */
    List<T> lookup(String host) {
        List<T> hit = exact.get(host);
        if (hit != null) {
            return hit;
        }
        for (int i = 0; i < wildSuffixes.length; i++) {
            String s = wildSuffixes[i];
            if (host.length() > s.length() && host.endsWith(s)) {
                return wildLists.get(i);
            }
        }
        return any;
    }

    boolean isEmpty() {
        return exact.isEmpty() && wildSuffixes.length == 0 && any.isEmpty();
    }
}
