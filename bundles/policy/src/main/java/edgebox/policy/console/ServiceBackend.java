package edgebox.policy.console;

import java.net.InetAddress;
import java.util.Optional;

import edgebox.api.net.Cidr;
import edgebox.api.objects.EndpointSlice;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.Service;

/**
 * Where a trace to a Service goes: the first ready endpoint of its EndpointSlices (all of a Service's backends
 * carry its selector's labels), and the endpoint port behind the Service port asked about.
 */
record ServiceBackend(InetAddress address, int port) {

    static ServiceBackend of(ObjectSnapshot snapshot, String service, int servicePort) {
        String[] parts = service.split("/", 2);
        Service s = snapshot.services().stream()
                .filter(x -> x.meta().namespace().equals(parts[0]) && x.meta().name().equals(parts[1])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--dst: no Service " + service));
        String portName = s.ports().stream().filter(p -> p.port() == servicePort).map(Service.Port::name)
                .findFirst().orElse(null);
        for (EndpointSlice slice : snapshot.endpointSlices()) {
            if (!slice.meta().namespace().equals(parts[0]) || !slice.serviceName().equals(parts[1])) {
                continue;
            }
            Optional<String> address = slice.endpoints().stream().filter(EndpointSlice.Endpoint::ready)
                    .flatMap(e -> e.addresses().stream()).findFirst();
            if (address.isPresent()) {
                int port = slice.ports().stream().filter(p -> portName != null && p.name().equals(portName))
                        .mapToInt(EndpointSlice.Port::port).findFirst().orElse(servicePort);
                return new ServiceBackend(Cidr.address(address.get()), port);
            }
        }
        throw new IllegalArgumentException("--dst: Service " + service + " has no ready endpoint to trace to");
    }
}
