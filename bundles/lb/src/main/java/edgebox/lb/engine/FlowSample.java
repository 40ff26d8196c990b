package edgebox.lb.engine;

import java.net.InetAddress;

import edgebox.lb.plan.VipKey;

/** One flow a port's connection table holds: who, to which virtual service, on which backend, for how long yet. */
public record FlowSample(String interfaceName, VipKey service, InetAddress client, int clientPort, String backend,
        long secondsLeft) {
}
