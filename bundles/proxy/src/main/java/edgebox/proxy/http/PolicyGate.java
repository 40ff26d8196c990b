package edgebox.proxy.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import edgebox.api.policy.Decision;
import edgebox.api.policy.HttpRequestInfo;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;
import edgebox.proxy.route.AddressNumber;
import io.netty.handler.codec.http.HttpRequest;

/**
 * The proxy's questions to the policy decision point, as function {@code proxy}: a TCP connection from a client to
 * a destination (one of the proxy's listeners, or the backend endpoint a request or passthrough connection goes to)
 * asked with addresses as numbers, allocation free; and an HTTP request, asked only when the connection's decision
 * says L7 rules apply. A client whose address is unknown is denied.
 */
final class PolicyGate {

    static final String FUNCTION = "proxy";

    private PolicyGate() {
    }

    static Decision connection(PolicyDecisionPoint pdp, AddressNumber client, AddressNumber destination, int port) {
        if (client == null || destination == null) {
            return Decision.DENY;
        }
        if (client.ipv4() && destination.ipv4()) {
            return pdp.connection4(FUNCTION, client.ipv4Bits(), destination.ipv4Bits(), PolicyDecisionPoint.TCP,
                    port);
        }
        return pdp.connection6(FUNCTION, client.high(), client.low(), destination.high(), destination.low(),
                PolicyDecisionPoint.TCP, port);
    }

    /**
     * The verdict on {@code request} from {@code client} to the backend {@code destination}:{@code port}, whose
     * target is {@code path} (the path and query the backend receives), header names in lower case.
     */
    static Verdict request(PolicyDecisionPoint pdp, InetAddress client, InetAddress destination, int port,
            HttpRequest request, String path) {
        Map<String, List<String>> headers = new HashMap<>();
        for (Map.Entry<String, String> e : request.headers()) {
            headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(e.getValue());
        }
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            e.setValue(List.copyOf(e.getValue()));
        }
        return pdp.request(new HttpRequestInfo(FUNCTION, client, destination, port, request.method().name(), path,
                headers));
    }
}
