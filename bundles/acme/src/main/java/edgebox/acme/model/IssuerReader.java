package edgebox.acme.model;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import edgebox.acme.client.Keys;

/** The ACME section of a ClusterIssuer or Issuer, its solvers and their selectors, read with field paths. */
final class IssuerReader {

    private static final Set<String> TSIG_ALGORITHMS = Set.of("HMACMD5", "HMACSHA1", "HMACSHA224", "HMACSHA256",
            "HMACSHA384", "HMACSHA512");

    private IssuerReader() {
    }

    /** {@code secretNamespace}: where the solvers' Secrets are, empty for a ClusterIssuer (cert-manager's own). */
    static Issuer issuer(Node root, String key, String secretNamespace) {
        Node acme = root.at("spec").at("acme");
        if (!acme.present()) {
            acme.problem("is required: only ACME issuers are supported");
            return null;
        }
        String server = acme.at("server").text(true);
        if (server != null) {
            try {
                URI u = URI.create(server);
                if (!"https".equals(u.getScheme()) || u.getHost() == null) {
                    acme.at("server").problem("must be an https URL, got \"" + server + "\"");
                }
            } catch (IllegalArgumentException e) {
                acme.at("server").problem("is not a URL: " + e.getMessage());
            }
        }
        String email = acme.at("email").text(false);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
            acme.at("email").problem("is not an e-mail address: \"" + email + "\"");
        }
        String accountKey = acme.at("privateKeySecretRef").at("name").text(true);
        if (accountKey != null && !Manifests.K8S_NAME.matcher(accountKey).matches()) {
            acme.at("privateKeySecretRef").at("name").problem("is not a valid Secret name");
        }
        List<X509Certificate> ca = List.of();
        String bundle = acme.at("caBundle").text(false);
        if (bundle != null) {
            try {
                ca = Keys.certificates(new String(Base64.getMimeDecoder().decode(bundle), StandardCharsets.US_ASCII));
                if (ca.isEmpty()) {
                    acme.at("caBundle").problem("holds no certificate");
                }
            } catch (IllegalArgumentException e) {
                acme.at("caBundle").problem("must be base64 of PEM certificates: " + e.getMessage());
            }
        }
        Map<String, String> eab = Map.of();
        Node binding = acme.at("externalAccountBinding");
        if (binding.present()) {
            String keyId = binding.at("keyID").text(true);
            String secret = binding.at("keySecretRef").at("name").text(true);
            String secretKey = binding.at("keySecretRef").at("key").text(true);
            String alg = binding.at("keyAlgorithm").text(false);
            if (alg != null && !alg.equals("HS256")) {
                binding.at("keyAlgorithm").problem("only HS256 is supported, got \"" + alg + "\"");
            }
            if (keyId != null && secret != null && secretKey != null) {
                eab = Map.of("keyID", keyId, "secretName", secret, "secretKey", secretKey, "secretNamespace",
                        secretNamespace);
            }
        }
        if ("true".equals(acme.at("skipTLSVerify").text(false))) {
            acme.at("skipTLSVerify").problem("is not supported: give the server's CA in caBundle");
        }
        List<Solver> solvers = new ArrayList<>();
        List<Node> items = acme.at("solvers").items(32);
        if (items.isEmpty()) {
            acme.at("solvers").problem("at least one solver is required");
        }
        for (Node s : items) {
            Solver solver = solver(s, secretNamespace);
            if (solver != null) {
                solvers.add(solver);
            }
        }
        return new Issuer(key, server, email, accountKey, ca, acme.at("profile").text(false),
                acme.at("preferredChain").text(false), solvers, eab);
    }

    private static Solver solver(Node s, String secretNamespace) {
        Node sel = s.at("selector");
        List<String> names = Manifests.lower(sel.at("dnsNames").texts(100));
        List<String> zones = Manifests.lower(sel.at("dnsZones").texts(100));
        Map<String, String> labels = sel.at("matchLabels").strings();
        Node dns = s.at("dns01");
        Node http = s.at("http01");
        if (dns.present() == http.present()) {
            s.problem("needs exactly one of dns01 and http01");
            return null;
        }
        if (dns.present()) {
            List<String> providers = dns.keys().stream().filter(k -> !"cnameStrategy".equals(k)).toList();
            if (providers.size() != 1) {
                dns.problem("needs exactly one provider (edgebox, cloudflare or rfc2136), got " + providers);
                return null;
            }
            switch (providers.get(0)) {
                case "edgebox" -> {
                    return new Solver(Solver.Type.DNS01_EDGEBOX, names, zones, labels);
                }
                case "cloudflare" -> {
                    Node cf = dns.at("cloudflare");
                    if (cf.at("apiKeySecretRef").present()) {
                        cf.at("apiKeySecretRef").problem("global API keys are not supported: give a scoped token "
                                + "in apiTokenSecretRef");
                        return null;
                    }
                    Node ref = cf.at("apiTokenSecretRef");
                    String secret = ref.at("name").text(true);
                    String key = ref.at("key").text(true);
                    if (secret == null || key == null) {
                        return null;
                    }
                    return new Solver(Solver.Type.DNS01_CLOUDFLARE, names, zones, labels, Map.of("secretName",
                            secret, "secretKey", key, "secretNamespace", secretNamespace));
                }
                case "rfc2136" -> {
                    return rfc2136(dns.at("rfc2136"), names, zones, labels, secretNamespace);
                }
                default -> dns.at(providers.get(0)).problem("is not a supported provider (edgebox)");
            }
            return null;
        }
        if (!http.at("gatewayHTTPRoute").present()) {
            http.problem("only gatewayHTTPRoute is supported (the proxy answers the challenge)");
            return null;
        }
        return new Solver(Solver.Type.HTTP01, names, zones, labels);
    }

    private static Solver rfc2136(Node r, List<String> names, List<String> zones, Map<String, String> labels,
            String secretNamespace) {
        String server = r.at("nameserver").text(true);
        if (server != null && !server.matches("\\[?[0-9A-Za-z.:-]+\\]?(:\\d{1,5})?")) {
            r.at("nameserver").problem("must be host or host:port, got \"" + server + "\"");
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("nameserver", server == null ? "" : server);
        settings.put("secretNamespace", secretNamespace);
        String keyName = r.at("tsigKeyName").text(false);
        if (keyName != null) {
            String alg = r.at("tsigAlgorithm").text(false);
            alg = alg == null ? "HMACMD5" : alg.toUpperCase(Locale.ROOT);
            if (!TSIG_ALGORITHMS.contains(alg)) {
                r.at("tsigAlgorithm").problem("must be one of " + TSIG_ALGORITHMS + ", got \"" + alg + "\"");
            }
            String secret = r.at("tsigSecretSecretRef").at("name").text(true);
            String key = r.at("tsigSecretSecretRef").at("key").text(true);
            settings.put("tsigKeyName", keyName);
            settings.put("tsigAlgorithm", alg);
            settings.put("secretName", secret == null ? "" : secret);
            settings.put("secretKey", key == null ? "" : key);
        }
        return new Solver(Solver.Type.DNS01_RFC2136, names, zones, labels, settings);
    }
}
