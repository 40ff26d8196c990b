package edgebox.proxy.route;

import java.util.List;

import edgebox.proxy.route.RouteDecision.Respond;

/**
 * One bound address: its programmed listeners (most specific hostname first) and, per listener, the HTTP routes
 * or the TLS passthrough routes by host. Immutable; lookups take no locks and allocate nothing but the decision
 * (and a normalised path, see {@link RequestPath}, for a request whose path needs it).
 */
final class CompiledPort implements PortTable {

    static final Respond NO_ROUTE = new Respond(404, "no route matches");
    static final Respond NO_LISTENER = new Respond(404, "no listener for this host");
    static final Respond MISDIRECTED = new Respond(421, "host outside the listener chosen by SNI");
    static final Respond NO_TLS_ROUTE = new Respond(404, "no TLSRoute for this server name");

    /** A TLSRoute's target on a listener, ordered among its peers like routes are. */
    record PassthroughTarget(RouteDecision.Passthrough decision, Entry order) {
    }

    private final boolean tls;
    private final List<ListenerInfo> listeners;
    private final ListenerInfo[] bySpecificity;
    private final HostIndex<Entry>[] http;
    private final HostIndex<PassthroughTarget>[] passthrough;

    /** All arrays are parallel and ordered most specific listener hostname first. */
    CompiledPort(boolean tls, ListenerInfo[] bySpecificity, HostIndex<Entry>[] http,
            HostIndex<PassthroughTarget>[] passthrough) {
        this.tls = tls;
        this.bySpecificity = bySpecificity;
        this.listeners = List.of(bySpecificity);
        this.http = http;
        this.passthrough = passthrough;
    }

    @Override
    public List<ListenerInfo> listeners() {
        return listeners;
    }

    @Override
    public boolean tls() {
        return tls;
    }

    @Override
    public ListenerInfo tlsListener(String sni) {
        int i = select(sni);
        return i < 0 ? null : bySpecificity[i];
    }

    @Override
    public RouteDecision passthrough(ListenerInfo listener, String sni) {
        int i = indexOf(listener);
        if (i < 0 || passthrough[i] == null) {
            return NO_TLS_ROUTE;
        }
        List<PassthroughTarget> targets = passthrough[i].lookup(sni);
        return targets.isEmpty() ? NO_TLS_ROUTE : targets.get(0).decision();
    }

    @Override
    public RouteDecision route(ListenerInfo listener, RequestHead request) {
        String host = request.host();
        int i = select(host);
        if (listener != null) {
            int chosen = indexOf(listener);
            if (chosen < 0 || (i != chosen && !sameHostname(i, chosen))) {
                return MISDIRECTED;
            }
            i = chosen;
        }
        if (i < 0 || http[i] == null) {
            return i < 0 ? NO_LISTENER : NO_ROUTE;
        }
        String raw = request.path();
        String path = RequestPath.normalize(raw);
        if (path == null) {
            return RequestPath.BAD_PATH;
        }
        RouteDecision.Redirect unescape = RequestPath.unescapeRedirect(path, request.query());
        if (unescape != null) {
            return unescape;
        }
        if (path != raw) {
            request = new RequestPath.Normalized(request, path);
        }
        List<Entry> candidates = http[i].lookup(host);
        for (int k = 0, n = candidates.size(); k < n; k++) {
            Entry e = candidates.get(k);
            if (e.match().test(request)) {
                return e.action().decide(request, bySpecificity[i]);
            }
        }
        return NO_ROUTE;
    }

    private boolean sameHostname(int a, int b) {
        return a >= 0 && bySpecificity[a].hostname().equals(bySpecificity[b].hostname());
    }

    /** The most specific listener whose hostname takes {@code host}, or -1. */
    private int select(String host) {
        for (int i = 0; i < bySpecificity.length; i++) {
            if (Hosts.matches(bySpecificity[i].hostname(), host)) {
                return i;
            }
        }
        return -1;
    }

    private int indexOf(ListenerInfo listener) {
        for (int i = 0; i < bySpecificity.length; i++) {
            if (bySpecificity[i] == listener) {
                return i;
            }
        }
        for (int i = 0; i < bySpecificity.length; i++) {
            if (bySpecificity[i].equals(listener)) {
                return i;
            }
        }
        return -1;
    }
}
