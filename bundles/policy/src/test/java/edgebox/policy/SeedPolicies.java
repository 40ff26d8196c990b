package edgebox.policy;

/** The seed's own policies, as seed/network-architecture.md writes them, for the tests of every package. */
public final class SeedPolicies {

    /** CiliumNetworkPolicy allow-web: only app=frontend may reach app=web, on TCP 80. */
    public static final String ALLOW_WEB = """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata:
              name: allow-web
            spec:
              endpointSelector:
                matchLabels:
                  app: web
              ingress:
                - fromEndpoints:
                    - matchLabels:
                        app: frontend
                  toPorts:
                    - ports:
                        - port: "80"
                          protocol: TCP
            """;

    private SeedPolicies() {
    }
}
