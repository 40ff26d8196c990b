package edgebox.proxy.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A request head for tests: {@code Req.get("example.com", "/a?b=c").header("X", "1")}. */
final class Req implements RequestHead {

    private final String scheme;
    private final String method;
    private final String host;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers = new HashMap<>();

    private Req(String scheme, String method, String host, String target) {
        this.scheme = scheme;
        this.method = method;
        this.host = host;
        int q = target.indexOf('?');
        this.path = q < 0 ? target : target.substring(0, q);
        this.query = q < 0 ? "" : target.substring(q + 1);
    }

    static Req get(String host, String target) {
        return new Req("http", "GET", host, target);
    }

    static Req of(String scheme, String method, String host, String target) {
        return new Req(scheme, method, host, target);
    }

    Req header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
        return this;
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
