package edgebox.policy.identity;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.config.ConfigProblem;
import edgebox.api.net.Cidr;
import edgebox.api.objects.EndpointSlice;
import edgebox.api.objects.KubeObject;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.Pod;
import edgebox.api.objects.Service;
import edgebox.policy.model.EndpointLabels;

/**
 * The labels of every backend address of a snapshot, as Cilium would label the pod behind it: the endpoint
 * addresses of each Service's EndpointSlices get the Service's {@code spec.selector}, its namespace as
 * {@code io.kubernetes.pod.namespace} and the namespace's labels under {@code io.cilium.k8s.namespace.labels.};
 * a Pod whose IPs hold the address adds its own labels the same way, and they come first, being the pod's own.
 * Services are read oldest first: when a label already has another value for an address, the first one stays and
 * the later object gets a problem naming both.
 */
final class BackendLabels {

    private final ObjectSnapshot snapshot;
    private final Map<InetAddress, Pod> podsByAddress = new HashMap<>();
    private final Map<InetAddress, Map<String, String>> labels = new LinkedHashMap<>();
    private final Map<InetAddress, Map<String, KubeObject>> origins = new HashMap<>();
    private final Set<ConfigProblem> problems = new LinkedHashSet<>();

    private BackendLabels(ObjectSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** By address, in the order the backends first appear (oldest Service first). */
    static BackendLabels of(ObjectSnapshot snapshot) {
        BackendLabels b = new BackendLabels(snapshot);
        b.indexPods();
        Map<String, List<EndpointSlice>> slices = new HashMap<>();
        for (EndpointSlice s : snapshot.endpointSlices()) {
            slices.computeIfAbsent(s.meta().namespace() + "/" + s.serviceName(), k -> new ArrayList<>()).add(s);
        }
        for (Service service : snapshot.services()) {
            for (EndpointSlice slice : slices.getOrDefault(service.meta().key(), List.of())) {
                for (EndpointSlice.Endpoint endpoint : slice.endpoints()) {
                    for (String address : endpoint.addresses()) {
                        b.addBackend(service, Cidr.address(address));
                    }
                }
            }
        }
        return b;
    }

    Map<InetAddress, Map<String, String>> labels() {
        return labels;
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    private void indexPods() {
        for (Pod pod : snapshot.pods()) {
            for (InetAddress ip : pod.ips()) {
                Pod first = podsByAddress.putIfAbsent(ip, pod);
                if (first != null) {
                    problems.add(ConfigProblem.of(pod.displayName(), "status.podIPs", Cidr.text(ip)
                            + " is also the address of " + first.displayName() + ", the older Pod, whose labels"
                            + " its backends keep"));
                }
            }
        }
    }

    private void addBackend(Service service, InetAddress address) {
        if (!labels.containsKey(address)) {
            labels.put(address, new LinkedHashMap<>());
            origins.put(address, new HashMap<>());
            Pod pod = podsByAddress.get(address);
            if (pod != null) {
                add(address, pod, pod.meta().labels(), "metadata.labels.");
            }
        }
        add(address, service, service.selector(), "spec.selector.");
    }

    private void add(InetAddress address, KubeObject object, Map<String, String> own, String field) {
        String namespace = object.meta().namespace();
        for (Map.Entry<String, String> e : own.entrySet()) {
            add(address, object, e.getKey(), e.getValue(), field + e.getKey());
        }
        if (add(address, object, EndpointLabels.NAMESPACE, namespace, "metadata.namespace")) {
            for (Map.Entry<String, String> e : snapshot.namespaceLabels(namespace).entrySet()) {
                add(address, object, EndpointLabels.NAMESPACE_LABELS + e.getKey(), e.getValue(), "metadata.namespace");
            }
        }
    }

    /** False, with a problem, when the address already has another value for {@code key}. */
    private boolean add(InetAddress address, KubeObject object, String key, String value, String field) {
        String kept = labels.get(address).putIfAbsent(key, value);
        if (kept == null) {
            origins.get(address).put(key, object);
        } else if (!kept.equals(value)) {
            KubeObject first = origins.get(address).get(key);
            problems.add(ConfigProblem.of(object.displayName(), field, "backend " + Cidr.text(address) + " gets "
                    + key + "=\"" + value + "\" here but " + key + "=\"" + kept + "\" from " + first.displayName()
                    + "; it keeps \"" + kept + "\""));
            return false;
        }
        return true;
    }
}
