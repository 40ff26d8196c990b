package edgebox.objects.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import edgebox.api.objects.Route;
import edgebox.api.objects.Refs;
import edgebox.api.objects.Meta;
import edgebox.api.objects.Route.Filter;
import edgebox.api.objects.Route.HeaderModifier;
import edgebox.api.objects.Route.Match;
import edgebox.api.objects.Route.Mirror;
import edgebox.api.objects.Route.PathModifier;
import edgebox.api.objects.Route.PathType;
import edgebox.api.objects.Route.Redirect;
import edgebox.api.objects.Route.Rewrite;

/** Reads and checks a rule's filters. */
final class FilterParser {

    private static final String[] HTTP_TYPES = {"RequestHeaderModifier", "ResponseHeaderModifier",
        "RequestRedirect", "URLRewrite", "RequestMirror", "ExtensionRef", "CORS", "ExternalAuth"};
    private static final String[] GRPC_TYPES = {"RequestHeaderModifier", "ResponseHeaderModifier",
        "RequestMirror", "ExtensionRef"};

    private FilterParser() {
    }

    static List<Filter> filters(String kind, Meta meta, In rule, List<Match> matches) {
        List<Filter> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean grpc = Route.GRPC.equals(kind);
        for (In f : rule.list("filters", 16)) {
            String type = f.required("type");
            if (type == null) {
                continue;
            }
            type = f.oneOf("type", null, grpc ? GRPC_TYPES : HTTP_TYPES);
            if (type == null) {
                continue;
            }
            String field = Character.toLowerCase(type.charAt(0)) + type.substring(1);
            if ("URLRewrite".equals(type)) {
                field = "urlRewrite";
            }
            for (String other : new String[] {"requestHeaderModifier", "responseHeaderModifier", "requestRedirect",
                "urlRewrite", "requestMirror", "extensionRef", "cors", "externalAuth"}) {
                if (!other.equals(field) && f.has(other)) {
                    f.problem(other, "must not be set for filter type " + type);
                }
            }
            if (!f.has(field)) {
                f.problem(field, "is required for filter type " + type);
                continue;
            }
            if (!"RequestMirror".equals(type) && !seen.add(type)) {
                f.problem("type", type + " may appear only once in a rule");
            }
            In c = f.at(field);
            switch (type) {
                case "RequestHeaderModifier" -> out.add(headers(c, false));
                case "ResponseHeaderModifier" -> out.add(headers(c, true));
                case "RequestRedirect" -> out.add(redirect(c, matches));
                case "URLRewrite" -> out.add(rewrite(c, matches));
                case "RequestMirror" -> out.add(mirror(meta, c));
                default -> f.problem("type", type + " filters are not supported by edgebox");
            }
        }
        if (seen.contains("RequestRedirect") && seen.contains("URLRewrite")) {
            rule.problem("filters", "RequestRedirect and URLRewrite may not be used in the same rule");
        }
        return out;
    }

    private static HeaderModifier headers(In c, boolean response) {
        List<String[]> set = pairs(c, "set");
        List<String[]> add = pairs(c, "add");
        List<String> remove = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<In> items = c.list("remove", 16);
        for (In r : items) {
            String name = r.text();
            if (name == null) {
                continue;
            }
            if (!RouteParser.HEADER_NAME.matcher(name).matches()) {
                r.problem("must be a valid header name, got \"" + name + "\"");
            } else if (!names.add(name.toLowerCase(Locale.ROOT))) {
                r.problem("\"" + name + "\" is removed twice");
            }
            remove.add(name.toLowerCase(Locale.ROOT));
        }
        return new HeaderModifier(response, set, add, remove);
    }

    private static List<String[]> pairs(In c, String key) {
        List<String[]> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (In h : c.list(key, 16)) {
            String name = h.required("name");
            String value = h.str("value");
            if (value == null) {
                h.problem("value", "is required");
                value = "";
            }
            if (name == null) {
                continue;
            }
            if (!RouteParser.HEADER_NAME.matcher(name).matches()) {
                h.problem("name", "must be a valid header name, got \"" + name + "\"");
            } else if (!names.add(name.toLowerCase(Locale.ROOT))) {
                h.problem("name", "\"" + name + "\" is listed twice");
            }
            out.add(new String[] {name, value});
        }
        return out;
    }

    private static Redirect redirect(In c, List<Match> matches) {
        String scheme = c.oneOf("scheme", "", "http", "https");
        String hostname = Parser.hostname(c, "hostname", false);
        PathModifier path = c.has("path") ? path(c.at("path"), matches) : null;
        int port = c.integer("port", 1, 65535, 0);
        int status = 302;
        Long code = c.at("statusCode").number();
        if (code != null) {
            if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) {
                c.problem("statusCode", "must be one of 301, 302, 303, 307, 308, got " + code);
            } else {
                status = code.intValue();
            }
        }
        return new Redirect(scheme, hostname, path, port, status);
    }

    private static Rewrite rewrite(In c, List<Match> matches) {
        String hostname = Parser.hostname(c, "hostname", false);
        PathModifier path = c.has("path") ? path(c.at("path"), matches) : null;
        if (hostname.isEmpty() && path == null) {
            c.problem("one of hostname or path is required");
        }
        return new Rewrite(hostname, path);
    }

    private static PathModifier path(In p, List<Match> matches) {
        String type = p.oneOf("type", null, "ReplaceFullPath", "ReplacePrefixMatch");
        if (type == null) {
            if (!p.has("type")) {
                p.problem("type", "is required");
            }
            return null;
        }
        boolean full = "ReplaceFullPath".equals(type);
        String field = full ? "replaceFullPath" : "replacePrefixMatch";
        String other = full ? "replacePrefixMatch" : "replaceFullPath";
        if (p.has(other)) {
            p.problem(other, "must not be set for type " + type);
        }
        String value = p.str(field);
        if (value == null) {
            p.problem(field, "is required for type " + type);
            return null;
        }
        if (value.length() > 1024) {
            p.problem(field, "must be at most 1024 characters");
        }
        if (!value.startsWith("/") && (full || !value.isEmpty())) {
            p.problem(field, (full ? "must start with \"/\"" : "must be empty or start with \"/\"") + ", got \""
                    + value + "\"");
        }
        if (!full && (matches.size() != 1 || matches.get(0).pathType() != PathType.PREFIX)) {
            p.problem("type", "ReplacePrefixMatch needs exactly one match, of type PathPrefix, in the rule");
        }
        return new PathModifier(full, value);
    }

    private static Mirror mirror(Meta meta, In c) {
        Refs.BackendRef ref = RouteParser.backendRef(meta, c.at("backendRef"), false);
        if (!c.has("backendRef")) {
            c.problem("backendRef", "is required");
        }
        double percent = 100;
        if (c.has("percent") && c.has("fraction")) {
            c.problem("only one of percent or fraction may be set");
        } else if (c.has("percent")) {
            percent = c.integer("percent", 0, 100, 100);
        } else if (c.has("fraction")) {
            In f = c.at("fraction");
            int numerator = f.integer("numerator", 0, Integer.MAX_VALUE, 0);
            int denominator = f.integer("denominator", 1, Integer.MAX_VALUE, 100);
            if (!f.has("numerator")) {
                f.problem("numerator", "is required");
            }
            if (numerator > denominator) {
                f.problem("numerator", "must not be greater than denominator");
            } else {
                percent = 100.0 * numerator / denominator;
            }
        }
        return new Mirror(ref, percent);
    }
}
