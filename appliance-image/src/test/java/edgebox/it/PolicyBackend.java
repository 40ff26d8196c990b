package edgebox.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backends of PolicyIT, run with {@code java} inside the backends' network namespace: an HTTP/1.1 server on every
 * address of each port given, answering each request with {@code NAME ADDRESS:PORT METHOD URI} (the local address
 * the request reached, which tells the backends apart), and counting requests by that address and port. A line
 * {@code count ADDRESS:PORT} on standard input is answered with {@code count N}, the requests it has received.
 *
 * <p>Arguments: NAME PORT...
 */
public final class PolicyBackend {

    private final String name;
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();

    private PolicyBackend(String name) {
        this.name = name;
    }

    public static void main(String[] args) throws Exception {
        PolicyBackend backend = new PolicyBackend(args[0]);
        ExecutorService workers = Executors.newFixedThreadPool(8);
        List<HttpServer> servers = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(args[i])), 512);
            server.setExecutor(workers);
            server.createContext("/", backend::answer);
            server.start();
            servers.add(server);
        }
        System.out.println("ready " + backend.name);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] command = line.strip().split(" ");
            if (command.length == 2 && command[0].equals("count")) {
                AtomicLong n = backend.requests.get(command[1]);
                System.out.println("count " + (n == null ? 0 : n.get()));
            } else {
                System.out.println("unknown command: " + line);
            }
        }
        servers.forEach(s -> s.stop(0));
        workers.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        InetSocketAddress local = exchange.getLocalAddress();
        String at = local.getAddress().getHostAddress() + ":" + local.getPort();
        requests.computeIfAbsent(at, k -> new AtomicLong()).incrementAndGet();
        byte[] body = (name + " " + at + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
