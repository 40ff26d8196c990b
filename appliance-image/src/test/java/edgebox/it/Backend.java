package edgebox.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 backend on 127.0.0.1 for the proxy's system tests (the JDK's own server, a client-independent peer): it
 * answers every request with one line naming itself and what it received, so a test sees where the proxy sent a
 * request and what the proxy added.
 */
final class Backend implements AutoCloseable {

    final String name;
    final int port;
    final AtomicLong requests = new AtomicLong();
    private final HttpServer server;

    private Backend(String name, HttpServer server) {
        this.name = name;
        this.server = server;
        this.port = server.getAddress().getPort();
    }

    static Backend start(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(Executors.newFixedThreadPool(8));
        Backend backend = new Backend(name, server);
        server.createContext("/", backend::answer);
        server.start();
        return backend;
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        var h = exchange.getRequestHeaders();
        String body = name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                + " host=" + h.getFirst("Host")
                + " xff=" + h.getFirst("X-Forwarded-For")
                + " xfp=" + h.getFirst("X-Forwarded-Proto")
                + " rid=" + h.getFirst("X-Request-Id")
                + " canary=" + h.getFirst("X-Canary") + "\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
