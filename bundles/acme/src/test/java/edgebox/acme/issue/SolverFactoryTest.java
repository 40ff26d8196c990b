package edgebox.acme.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;

import edgebox.acme.client.Http;
import edgebox.acme.model.Solver;
import edgebox.api.acme.Dns01Publisher;
import edgebox.api.acme.Http01Responder;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.objects.testing.YamlObjects;

/** Each solver gets its way to present a challenge, an external DNS with the value of the Secret it names. */
class SolverFactoryTest {

    static final String TOKEN = "scoped-token";
    static final String TSIG_SECRET = Base64.getEncoder().encodeToString("a 32 byte secret for the tsig k!"
            .getBytes(StandardCharsets.US_ASCII));
    static final ObjectSnapshot SECRETS = YamlObjects.snapshot("""
            apiVersion: v1
            kind: Secret
            metadata: {namespace: cert-manager, name: cloudflare-api-token}
            stringData: {api-token: %s}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {namespace: dns, name: tsig}
            stringData: {secret: "%s"}
            """.formatted(TOKEN, TSIG_SECRET));

    @TempDir
    Path files;

    static Solver cloudflare() {
        return new Solver(Solver.Type.DNS01_CLOUDFLARE, List.of(), List.of(), Map.of(), Map.of("secretName",
                "cloudflare-api-token", "secretKey", "api-token", "secretNamespace", ""));
    }

    static Solver rfc2136(int port, boolean tsig) {
        return new Solver(Solver.Type.DNS01_RFC2136, List.of(), List.of(), Map.of(), tsig
                ? Map.of("nameserver", "127.0.0.1:" + port, "tsigKeyName", "acme", "tsigAlgorithm", "HMACSHA256",
                        "secretNamespace", "dns", "secretName", "tsig", "secretKey", "secret")
                : Map.of("nameserver", "127.0.0.1:" + port, "secretNamespace", "dns"));
    }

    SolverFactory factory(ObjectSnapshot snapshot, Http cloudflareHttp) {
        return new SolverFactory(new Secrets(files, () -> snapshot), "http://127.0.0.1:9/client/v4", cloudflareHttp,
                edgebox.acme.client.TestJson.JSON);
    }

    @Test
    void theBoxsOwnDnsAndProxyAreThoseGiven() {
        Dns01Publisher dns = new Dns01Publisher() {
            @Override
            public void publish(String name, String value) {
            }

            @Override
            public void withdraw(String name, String value) {
            }
        };
        Http01Responder http = new Http01Responder() {
            @Override
            public void publish(String token, String keyAuthorization) {
            }

            @Override
            public void withdraw(String token) {
            }
        };
        Issuance.Responders r = factory(SECRETS, null).responders(dns, http);
        assertSame(dns, r.dns());
        assertSame(http, r.http());
        Issuance.Responders none = factory(SECRETS, null).responders(null, null);
        assertNull(none.dns(), "a function that is not running stays absent");
    }

    @Test
    void cloudflareIsCalledWithTheTokenOfTheSolversSecret() {
        List<String> calls = new ArrayList<>();
        Set<String> authorizations = new java.util.HashSet<>();
        Http api = (method, url, contentType, accept, body, headers) -> {
            calls.add(method + " " + url);
            authorizations.add(headers.get("Authorization"));
            String result = method.equals("GET") ? "[{\"id\": \"z1\"}]" : "{\"id\": \"r1\"}";
            return new Http.Response(200, Map.of(), ("{\"success\": true, \"result\": " + result + "}")
                    .getBytes(StandardCharsets.UTF_8));
        };
        factory(SECRETS, api).responders(null, null).external().apply(cloudflare())
                .publish("_acme-challenge.ragas.cc.", "v");
        assertEquals(List.of("GET http://127.0.0.1:9/client/v4/zones?name=ragas.cc",
                "POST http://127.0.0.1:9/client/v4/zones/z1/dns_records"), calls);
        assertEquals(Set.of("Bearer " + TOKEN), authorizations, "a ClusterIssuer's Secret, from cert-manager");
    }

    @Test
    void aMissingSecretIsNamedAndNoValueIsShown() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> factory(ObjectSnapshot.EMPTY, null).external(cloudflare()));
        assertTrue(e.getMessage().startsWith("Secret cert-manager or default/cloudflare-api-token with key "
                + "api-token not found"), e.getMessage());
        IllegalStateException tsig = assertThrows(IllegalStateException.class,
                () -> factory(ObjectSnapshot.EMPTY, null).external(rfc2136(53, true)));
        assertTrue(tsig.getMessage().startsWith("Secret dns/tsig with key secret not found"), tsig.getMessage());
        factory(ObjectSnapshot.EMPTY, null).external(rfc2136(53, false)); // no TSIG: no Secret to read
    }

    @Test
    void rfc2136SignsItsUpdatesWithTheTsigKeyOfTheSolversSecret() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    byte[] wire = new byte[in.readUnsignedShort()];
                    in.readFully(wire);
                    return wire; // closing unanswered: the publisher fails after sending
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Dns01Publisher publisher = factory(SECRETS, null).external(rfc2136(server.getLocalPort(), true));
            assertThrows(IllegalStateException.class, () -> publisher.publish("_acme-challenge.rfc.test.", "v"));
            byte[] wire = received.get(10, TimeUnit.SECONDS);
            Message query = new Message(wire);
            assertNotNull(query.getTSIG(), "signed");
            assertEquals("acme.", query.getTSIG().getName().toString());
            assertEquals(Rcode.NOERROR, new TSIG(TSIG.HMAC_SHA256, "acme.", TSIG_SECRET).verify(query, wire, null));
            assertFalse(new TSIG(TSIG.HMAC_SHA256, "acme.", Base64.getEncoder().encodeToString(
                    "another secret of 32 bytes here!".getBytes(StandardCharsets.US_ASCII)))
                    .verify(query, wire, null) == Rcode.NOERROR, "the check can fail");
        }
    }
}
