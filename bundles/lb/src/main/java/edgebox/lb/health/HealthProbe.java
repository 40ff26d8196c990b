package edgebox.lb.health;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Runs one check against a target, blocking the calling (virtual) thread for at most the spec's timeout: a TCP
 * connect, or an HTTP/1.1 GET whose status line decides (200-399 healthy; redirects are not followed; the body is
 * not read). Gives null when the check passed, else what failed in words. The HTTP client (and its selector thread)
 * is made at the first HTTP check.
 */
final class HealthProbe implements AutoCloseable {

    private HttpClient http;
    private boolean closed;

    String check(HealthTarget target) throws InterruptedException {
        return switch (target.spec().check()) {
            case TCP -> connect(target);
            case HTTP -> get(target);
            case NONE -> null;
        };
    }

    private static String connect(HealthTarget target) {
        Duration timeout = target.spec().timeout();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.address(), target.checkPort()), millis(timeout));
            return null;
        } catch (SocketTimeoutException e) {
            return "connect " + target.hostPort(target.checkPort()) + ": no answer within "
                    + GoDuration.format(timeout);
        } catch (IOException e) {
            return "connect " + target.hostPort(target.checkPort()) + ": " + e.getMessage();
        }
    }

    private String get(HealthTarget target) throws InterruptedException {
        Duration timeout = target.spec().timeout();
        URI uri = URI.create("http://" + target.hostPort(target.checkPort()) + target.spec().path());
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(timeout)
                .header("User-Agent", "edgebox-lb-health").build();
        try {
            HttpResponse<InputStream> response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            int status = response.statusCode();
            return status >= 200 && status < 400 ? null : "GET " + uri + ": status " + status;
        } catch (HttpTimeoutException e) {
            return "GET " + uri + ": no answer within " + GoDuration.format(timeout);
        } catch (IOException e) {
            return "GET " + uri + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private synchronized HttpClient http() throws IOException {
        if (closed) {
            throw new IOException("health checks stopped");
        }
        if (http == null) {
            http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .proxy(HttpClient.Builder.NO_PROXY)
                    .build();
        }
        return http;
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (http != null) {
            http.shutdownNow();
        }
    }
}
