package edgebox.proxy.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.objects.Gateway;
import edgebox.api.objects.Gateway.Listener;

/** One listener while a compile runs: its checks, conflicts, attached routes and entries by hostname. */
final class ListenerState {

    final Gateway gateway;
    final Listener listener;
    ListenerInfo info;
    /** HTTPRoute/GRPCRoute or TLSRoute, as the listener allows. */
    Set<String> kinds = Set.of();
    String unsupported = "";
    String conflict = "";
    String refsProblem = "";
    String refsReason = "";
    boolean certsMissing;
    int attachedRoutes;
    final Map<String, List<Entry>> entries = new HashMap<>();
    final Map<String, List<CompiledPort.PassthroughTarget>> passthrough = new HashMap<>();

    ListenerState(Gateway gateway, Listener listener) {
        this.gateway = gateway;
        this.listener = listener;
    }

    boolean http() {
        return "HTTP".equals(listener.protocol()) || "HTTPS".equals(listener.protocol());
    }

    boolean programmed() {
        return unsupported.isEmpty() && conflict.isEmpty() && !certsMissing;
    }

    void add(String host, Entry e) {
        entries.computeIfAbsent(host, h -> new ArrayList<>()).add(e);
    }

    void add(String host, CompiledPort.PassthroughTarget t) {
        passthrough.computeIfAbsent(host, h -> new ArrayList<>()).add(t);
    }
}
