package edgebox.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A DSR backend for LbIT, run with {@code java} inside a backend's network namespace: an HTTP/1.1 server (keep-alive)
 * on every address's port 80 that answers each request with its name, and a UDP echo on VIP:9 that answers
 * "NAME DATAGRAM" from the VIP (bound to it, so the reply leaves from the address the client asked). Lines on
 * standard input switch the HTTP server: {@code http off} closes its listening socket (new connections are refused),
 * {@code http on} opens it again; each command is answered with one line once done.
 *
 * <p>Arguments: NAME VIP.
 */
public final class LbBackendServer {

    static final int HTTP_PORT = 80;
    static final int UDP_PORT = 9;

    private final String name;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private HttpServer http;

    private LbBackendServer(String name) {
        this.name = name;
    }

    public static void main(String[] args) throws Exception {
        LbBackendServer server = new LbBackendServer(args[0]);
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.ofLiteral(args[1]), UDP_PORT));
        Thread echo = new Thread(() -> server.echo(udp), "udp-echo");
        echo.setDaemon(true);
        echo.start();
        server.httpOn();
        System.out.println("ready " + server.name);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.strip()) {
                case "http off" -> {
                    server.httpOff();
                    System.out.println("http off");
                }
                case "http on" -> {
                    server.httpOn();
                    System.out.println("http on");
                }
                default -> System.out.println("unknown command: " + line);
            }
        }
        server.httpOff();
        udp.close();
        server.workers.shutdownNow();
    }

    private void httpOn() throws IOException {
        if (http == null) {
            http = HttpServer.create(new InetSocketAddress(HTTP_PORT), 512);
            http.setExecutor(workers);
            http.createContext("/", this::answer);
            http.start();
        }
    }

    private void httpOff() {
        if (http != null) {
            http.stop(0);
            http = null;
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = (name + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void echo(DatagramSocket udp) {
        byte[] buffer = new byte[2048];
        while (!udp.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                udp.receive(p);
                byte[] reply = (name + " " + new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
                udp.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
            } catch (IOException e) {
                if (!udp.isClosed()) {
                    System.out.println("udp error: " + e);
                }
            }
        }
    }
}
