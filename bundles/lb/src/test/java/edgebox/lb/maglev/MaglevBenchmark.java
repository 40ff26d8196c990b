package edgebox.lb.maglev;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: building a 65537-slot table, and the data path's per-packet work (flow hash and one table lookup; a
 * connection table hit). Run by bench/lb/maglev.sh; not a test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
public class MaglevBenchmark {

    private static final long SEED = 0x5EED;
    private static final int FLOWS = 4096;

    @Param({"10", "1000"})
    public int backends;

    private List<MaglevBackend> backendList;
    private MaglevTable table;
    private ConnectionTable connections;
    private final int[] clients = new int[FLOWS];
    private final int[] ports = new int[FLOWS];
    private int next;

    @Setup
    public void setUp() {
        backendList = new ArrayList<>();
        for (int i = 0; i < backends; i++) {
            backendList.add(new MaglevBackend("10.42." + (i / 250) + "." + (i % 250 + 1) + ":8080", 1 + i % 3));
        }
        table = MaglevTable.build(backendList, MaglevTable.SIZE_DEFAULT, SEED);
        connections = new ConnectionTable(2 * FLOWS, ConnectionTimeouts.DEFAULTS);
        Random random = new Random(1);
        for (int f = 0; f < FLOWS; f++) {
            clients[f] = random.nextInt();
            ports[f] = 1024 + random.nextInt(64512);
            connections.insert(clients[f], 0xAC100141, ports[f], 443, ConnectionTable.TCP, ConnectionTable.ACK,
                    f % backends, 0);
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public MaglevTable build() {
        return MaglevTable.build(backendList, MaglevTable.SIZE_DEFAULT, SEED);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int hashAndPick() {
        int f = next++ & (FLOWS - 1);
        return table.pick(FlowHash.hash(SEED, clients[f], 0xAC100141, ports[f], 443, 6));
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int connectionHit() {
        int f = next++ & (FLOWS - 1);
        return connections.lookup(clients[f], 0xAC100141, ports[f], 443, ConnectionTable.TCP, ConnectionTable.ACK,
                1, backend -> true);
    }
}
