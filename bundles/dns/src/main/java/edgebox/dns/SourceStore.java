package edgebox.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;

import edgebox.api.acme.Dns01Publisher;
import edgebox.dns.acme.AcmeChallenges;
import edgebox.dns.adguard.AdGuardSetup;
import edgebox.dns.block.FilterList;
import edgebox.dns.rewrite.RewriteRule;
import edgebox.dns.zone.ZoneIndex;

/**
 * What the factory configurations contribute to the chain (zones, rewrites, blocklists, each by configuration PID)
 * and the ACME challenge records, which outlive restarts of the server component. Every change tells the
 * listeners, which rebuild the chain. Registered as the {@link Dns01Publisher}: a published TXT is served by the
 * next query, since the chain holds the {@link AcmeChallenges} itself.
 */
@Component(service = {SourceStore.class, Dns01Publisher.class})
public class SourceStore implements Dns01Publisher {

    private final AcmeChallenges acme = new AcmeChallenges();
    private final Map<String, ZoneIndex> zones = new TreeMap<>();
    private final Map<String, RewriteRule> rewrites = new TreeMap<>();
    private final Map<String, FilterList> blocklists = new TreeMap<>();
    private final Map<String, AdGuardSetup> adguard = new TreeMap<>();
    private final Map<String, String> problems = new TreeMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    AcmeChallenges acme() {
        return acme;
    }

    synchronized List<ZoneIndex> zones() {
        return List.copyOf(zones.values());
    }

    synchronized List<RewriteRule> rewrites() {
        List<RewriteRule> all = new ArrayList<>(rewrites.values());
        adguard.values().forEach(a -> all.addAll(a.rewrites()));
        return List.copyOf(all);
    }

    synchronized List<FilterList> blocklists() {
        List<FilterList> all = new ArrayList<>(blocklists.values());
        adguard.values().forEach(a -> all.addAll(a.filters()));
        return List.copyOf(all);
    }

    /**
     * The forwarder's properties an AdGuardHome.yaml contributes ({@code upstreams}, {@code domainUpstreams}); empty
     * when no file names upstreams the box can use.
     */
    synchronized Map<String, List<String>> adguardForwarding() {
        for (AdGuardSetup a : adguard.values()) {
            if (!a.upstreams().isEmpty() || !a.domainUpstreams().isEmpty()) {
                return Map.of("upstreams", a.upstreams(), "domainUpstreams", a.domainUpstreams());
            }
        }
        return Map.of();
    }

    /** What the AdGuardHome.yaml readers skipped (upstreams, lists), each naming file, field and reason. */
    synchronized List<String> notes() {
        List<String> all = new ArrayList<>();
        adguard.values().forEach(a -> all.addAll(a.notes()));
        return List.copyOf(all);
    }

    /** Configurations refused, by PID, with the reason. */
    synchronized Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    void putZone(String pid, ZoneIndex zone) {
        change(() -> {
            zones.put(pid, zone);
            problems.remove(pid);
        });
    }

    void putRewrite(String pid, RewriteRule rule) {
        change(() -> {
            rewrites.put(pid, rule);
            problems.remove(pid);
        });
    }

    void putBlocklist(String pid, FilterList list) {
        change(() -> {
            blocklists.put(pid, list);
            problems.remove(pid);
        });
    }

    void putAdGuard(String pid, AdGuardSetup setup) {
        change(() -> {
            adguard.put(pid, setup);
            problems.remove(pid);
        });
    }

    /** A configuration refused: its earlier contribution, if any, keeps serving; the problem shows in health. */
    void refuse(String pid, String reason) {
        change(() -> problems.put(pid, reason));
    }

    void remove(String pid) {
        change(() -> {
            zones.remove(pid);
            rewrites.remove(pid);
            blocklists.remove(pid);
            adguard.remove(pid);
            problems.remove(pid);
        });
    }

    /** Adds a listener; the returned handle removes it. */
    AutoCloseable subscribe(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void change(Runnable edit) {
        synchronized (this) {
            edit.run();
        }
        new ArrayList<>(listeners).forEach(Runnable::run);
    }

    @Override
    public void publish(String name, String value) {
        acme.publish(name, value);
    }

    @Override
    public void withdraw(String name, String value) {
        acme.withdraw(name, value);
    }
}
