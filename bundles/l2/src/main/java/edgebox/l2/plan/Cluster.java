package edgebox.l2.plan;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import edgebox.api.config.FlatProperties;
import edgebox.api.net.Cidr;

/**
 * Reads the Kubernetes objects that name VIPs: Gateways and LoadBalancer Services (as the proxy stores them),
 * CiliumLoadBalancerIPPools and CiliumL2AnnouncementPolicies (as the announcer stores them).
 */
final class Cluster {

    /** A Service or Gateway: its labels (with Cilium's implicit ones) and the addresses it asks for. */
    record Claimant(String display, String key, Map<String, String> labels, List<InetAddress> lbIps,
            List<InetAddress> externalIps, boolean wantsPoolIp) {
    }

    record Pool(String name, List<InetAddress[]> ranges, Selector selector, boolean disabled) {
    }

    record Policy(String name, Selector selector, List<String> interfaces, boolean lbIps, boolean externalIps) {
    }

    private Cluster() {
    }

    static Map<String, Object> object(Map<String, Object> flat) {
        return FlatProperties.unflatten(flat);
    }

    static Claimant gateway(String pid, Map<String, Object> flat, java.util.Set<String> classes) {
        Map<String, Object> o = object(flat);
        Meta m = meta(o);
        Map<String, Object> spec = map(o.get("spec"));
        if (!classes.contains(String.valueOf(spec.get("gatewayClassName")))) {
            return null;
        }
        List<InetAddress> ips = new ArrayList<>();
        List<?> addresses = list(spec.get("addresses"));
        for (int i = 0; i < addresses.size(); i++) {
            Map<String, Object> a = map(addresses.get(i));
            String type = String.valueOf(a.getOrDefault("type", "IPAddress"));
            if (type.equals("IPAddress")) {
                ips.add(ip(pid, "spec.addresses[" + i + "].value", a.get("value")));
            }
        }
        Map<String, String> labels = new LinkedHashMap<>(m.labels);
        labels.put("io.kubernetes.service.namespace", m.namespace);
        labels.put("gateway.networking.k8s.io/gateway-name", m.name);
        labels.put("io.cilium.gateway/owning-gateway", m.name);
        return new Claimant("Gateway " + m.namespace + "/" + m.name, m.namespace + "/" + m.name, labels, ips,
                List.of(), false);
    }

    static Claimant service(String pid, Map<String, Object> flat) {
        Map<String, Object> o = object(flat);
        Meta m = meta(o);
        Map<String, Object> spec = map(o.get("spec"));
        if (!"LoadBalancer".equals(spec.get("type"))) {
            return null;
        }
        List<InetAddress> lb = new ArrayList<>();
        if (spec.get("loadBalancerIP") != null) {
            lb.add(ip(pid, "spec.loadBalancerIP", spec.get("loadBalancerIP")));
        }
        for (String key : List.of("lbipam.cilium.io/ips", "io.cilium/lb-ipam-ips")) {
            Object v = m.annotations.get(key);
            if (v != null) {
                for (String s : v.toString().split(",")) {
                    if (!s.isBlank()) {
                        lb.add(ip(pid, "metadata.annotations[" + key + "]", s.strip()));
                    }
                }
            }
        }
        List<?> ingress = list(map(map(o.get("status")).get("loadBalancer")).get("ingress"));
        for (int i = 0; i < ingress.size(); i++) {
            Object v = map(ingress.get(i)).get("ip");
            if (v != null) {
                lb.add(ip(pid, "status.loadBalancer.ingress[" + i + "].ip", v));
            }
        }
        List<InetAddress> external = new ArrayList<>();
        List<?> ext = list(spec.get("externalIPs"));
        for (int i = 0; i < ext.size(); i++) {
            external.add(ip(pid, "spec.externalIPs[" + i + "]", ext.get(i)));
        }
        Map<String, String> labels = new LinkedHashMap<>(m.labels);
        labels.put("io.kubernetes.service.namespace", m.namespace);
        labels.put("io.kubernetes.service.name", m.name);
        return new Claimant("Service " + m.namespace + "/" + m.name, m.namespace + "/" + m.name, labels,
                lb.stream().distinct().toList(), external, lb.isEmpty());
    }

    static Pool pool(String pid, Map<String, Object> flat) {
        Map<String, Object> o = object(flat);
        Map<String, Object> spec = map(o.get("spec"));
        List<InetAddress[]> ranges = new ArrayList<>();
        List<?> blocks = list(spec.containsKey("blocks") ? spec.get("blocks") : spec.get("cidrs"));
        String field = spec.containsKey("blocks") ? "spec.blocks" : "spec.cidrs";
        for (int i = 0; i < blocks.size(); i++) {
            Map<String, Object> b = map(blocks.get(i));
            String at = field + "[" + i + "]";
            if (b.get("cidr") != null) {
                Cidr c;
                try {
                    c = Cidr.parse(b.get("cidr").toString());
                } catch (IllegalArgumentException e) {
                    throw new Props.PlanProblem(pid, at + ".cidr", e.getMessage());
                }
                ranges.add(new InetAddress[] {c.first(), c.last()});
            } else if (b.get("start") != null) {
                InetAddress start = ip(pid, at + ".start", b.get("start"));
                InetAddress stop = b.get("stop") == null ? start : ip(pid, at + ".stop", b.get("stop"));
                if (start.getClass() != stop.getClass()
                        || java.util.Arrays.compareUnsigned(start.getAddress(), stop.getAddress()) > 0) {
                    throw new Props.PlanProblem(pid, at, "start " + Cidr.text(start) + " is after stop "
                            + Cidr.text(stop) + " or of another family");
                }
                ranges.add(new InetAddress[] {start, stop});
            } else {
                throw new Props.PlanProblem(pid, at, "needs cidr, or start (and stop)");
            }
        }
        if (ranges.isEmpty()) {
            throw new Props.PlanProblem(pid, "spec.blocks", "required: at least one block");
        }
        return new Pool(meta(o).name, ranges, Selector.read(spec.get("serviceSelector"), pid, "spec.serviceSelector"),
                Boolean.parseBoolean(String.valueOf(spec.get("disabled"))));
    }

    static Policy policy(String pid, Map<String, Object> flat) {
        Map<String, Object> o = object(flat);
        Map<String, Object> spec = map(o.get("spec"));
        List<String> interfaces = new ArrayList<>();
        List<?> list = list(spec.get("interfaces"));
        for (int i = 0; i < list.size(); i++) {
            String r = String.valueOf(list.get(i));
            try {
                java.util.regex.Pattern.compile(r);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new Props.PlanProblem(pid, "spec.interfaces[" + i + "]", "\"" + r
                        + "\" is not a regular expression: " + e.getDescription());
            }
            interfaces.add(r);
        }
        return new Policy(meta(o).name, Selector.read(spec.get("serviceSelector"), pid, "spec.serviceSelector"),
                interfaces, Boolean.parseBoolean(String.valueOf(spec.get("loadBalancerIPs"))),
                Boolean.parseBoolean(String.valueOf(spec.get("externalIPs"))));
    }

    private record Meta(String namespace, String name, Map<String, String> labels, Map<String, String> annotations) {
    }

    private static Meta meta(Map<String, Object> o) {
        Map<String, Object> m = map(o.get("metadata"));
        Map<String, String> labels = new LinkedHashMap<>();
        map(m.get("labels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
        Map<String, String> annotations = new LinkedHashMap<>();
        map(m.get("annotations")).forEach((k, v) -> annotations.put(k, String.valueOf(v)));
        return new Meta(String.valueOf(m.getOrDefault("namespace", "default")), String.valueOf(m.get("name")),
                labels, annotations);
    }

    private static InetAddress ip(String pid, String field, Object value) {
        try {
            return Cidr.address(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new Props.PlanProblem(pid, field, e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
