package edgebox.acme.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * One HTTP exchange with the ACME server. The box's runtime image has no {@code java.net.http} (see the jlink module
 * list of appliance-image), so the default transport is {@link HttpURLConnection} (keep-alive pooled by the JDK), with
 * the issuer's trust (its {@code caBundle}, else the JDK's roots).
 */
public interface Http {

    /** Response headers by lower-case name. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Retry-After as seconds or an HTTP date (RFC 9110 section 10.2.3), or null. */
        public Instant retryAfter(Instant now) {
            String v = header("retry-after");
            if (v == null) {
                return null;
            }
            try {
                return now.plusSeconds(Math.max(0, Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                try {
                    return ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                } catch (DateTimeParseException ex) {
                    return null;
                }
            }
        }
    }

    /** One exchange with extra request {@code headers} (an API token). */
    Response send(String method, String url, String contentType, String accept, byte[] body,
            Map<String, String> headers) throws IOException;

    default Response send(String method, String url, String contentType, String accept, byte[] body)
            throws IOException {
        return send(method, url, contentType, accept, body, Map.of());
    }

    /** The JDK transport, trusting {@code tls} (null: the JDK's default trust). */
    static Http jdk(SSLContext tls) {
        return (method, url, contentType, accept, body, extra) -> {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            if (c instanceof HttpsURLConnection s && tls != null) {
                s.setSSLSocketFactory(tls.getSocketFactory());
            }
            c.setConnectTimeout(10_000);
            c.setReadTimeout(30_000);
            c.setInstanceFollowRedirects(false);
            c.setRequestMethod(method);
            c.setRequestProperty("User-Agent", "edgebox-acme");
            if (accept != null) {
                c.setRequestProperty("Accept", accept);
            }
            extra.forEach(c::setRequestProperty);
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", contentType);
                c.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = c.getResponseCode();
            Map<String, List<String>> headers = new TreeMap<>();
            c.getHeaderFields().forEach((k, v) -> {
                if (k != null) {
                    headers.put(k.toLowerCase(Locale.ROOT), v);
                }
            });
            byte[] data;
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                data = in == null ? new byte[0] : readBounded(in);
            }
            return new Response(status, headers, data);
        };
    }

    /** At most 1 MiB: no ACME response (a chain included) comes near. */
    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > (1 << 20)) {
                throw new IOException("response larger than 1 MiB");
            }
        }
        return out.toByteArray();
    }
}
