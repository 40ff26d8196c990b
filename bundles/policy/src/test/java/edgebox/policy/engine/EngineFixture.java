package edgebox.policy.engine;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import edgebox.api.config.FlatProperties;
import edgebox.api.net.Cidr;
import edgebox.api.runtime.RateLimitedLog;
import edgebox.objects.testing.YamlObjects;
import edgebox.policy.compile.Fixture;

/**
 * A {@link PolicyEngine} fed as Config Admin feeds it (flattened manifests), over the compile tests' snapshot (a web
 * backend 10.0.1.11:80, app=web, and an api backend 10.0.1.31:8080, app=api), compiled on the test's thread.
 */
public final class EngineFixture {

    public static final String FRONTEND_GROUP = Fixture.FRONTEND_GROUP;
    public static final String SNAPSHOT = Fixture.SNAPSHOT;

    public static final InetAddress WEB = Cidr.address("10.0.1.11");
    public static final InetAddress API = Cidr.address("10.0.1.31");
    public static final InetAddress FRONTEND_CLIENT = Cidr.address("172.16.1.100");
    public static final InetAddress OTHER_CLIENT = Cidr.address("172.16.1.20");

    public final List<String> lines = new ArrayList<>();
    public final PolicyEngine engine = new PolicyEngine(Executors.newSingleThreadScheduledExecutor(), 1,
            () -> Set.of(Cidr.address("127.0.0.1")), new RateLimitedLog(1000, Duration.ofSeconds(1), lines::add));
    private int next;

    /** Open once started: as a box that held no policy configuration at start. */
    public EngineFixture() {
        this(Set.of());
        for (int i = 0; i < 500 && !decisions().isOpen(); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!decisions().isOpen()) {
            throw new IllegalStateException("the decision point did not open within 5 s");
        }
    }

    /**
     * Denying until the configurations {@code held} are delivered (and compiled on the engine's thread); with
     * {@code null}, until {@link PolicyEngine#translated} is called too.
     */
    EngineFixture(Set<String> held) {
        engine.objects(YamlObjects.snapshot(SNAPSHOT));
        if (held != null) {
            engine.translated(held);
        }
        engine.start(10_000, () -> { });
    }

    /** Delivers each document of a YAML text as a new configuration; returns their PIDs. */
    public List<String> deliver(String yaml) {
        List<String> pids = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) document;
            String pid = "edgebox.policy.test~" + next++;
            engine.update(pid, FlatProperties.flatten(map));
            pids.add(pid);
        }
        engine.compile();
        return pids;
    }

    public DecisionPoint decisions() {
        return engine.decisionPoint();
    }

    public static int v4(InetAddress address) {
        return ByteBuffer.wrap(address.getAddress()).getInt();
    }
}
