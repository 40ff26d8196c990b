package edgebox.proxy.http;

import java.io.IOException;
import java.io.Writer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import edgebox.api.text.JsonText;

/**
 * Writes one JSON line per request to a file (rotated to {@code FILE.1} when it passes its size limit) or, for
 * {@code -}, to the logger {@code edgebox.proxy.access} at INFO, with Envoy's field names
 * (start_time, method, authority, path, protocol, response_code, response_flags, route_name, upstream_cluster,
 * upstream_host, bytes_received, bytes_sent, duration, upstream_service_time, x_request_id,
 * downstream_remote_address). The event loops only queue the record (never wait: when the bounded queue is full the
 * line is dropped and counted); one writer thread formats and logs. Off, it costs one branch.
 */
public final class AccessLog implements AutoCloseable {

    static final String LOGGER = "edgebox.proxy.access";
    private static final int QUEUE = 8192;

    private final Logger log;
    private final Path file;
    private final long maxBytes;
    private final boolean enabled;
    private Writer out;
    private long written;
    private final BlockingQueue<AccessRecord> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;

    /**
     * @param file     where the lines go; {@code null} for the logger {@code edgebox.proxy.access}
     * @param maxBytes the file's size at which it is rotated
     */
    public AccessLog(boolean enabled, Path file, long maxBytes) {
        this.log = System.getLogger(LOGGER);
        this.file = file;
        this.maxBytes = maxBytes;
        this.enabled = enabled && (file != null || log.isLoggable(Level.INFO));
        this.queue = this.enabled ? new ArrayBlockingQueue<>(QUEUE) : null;
        this.writer = this.enabled ? Thread.ofPlatform().daemon().name("edgebox-proxy-access-log").start(this::drain)
                : null;
    }

    /** False when no line would be written: the caller then builds no record. */
    boolean enabled() {
        return enabled;
    }

    void write(AccessRecord r) {
        if (enabled && !queue.offer(r)) {
            dropped.incrementAndGet();
        }
    }

    /** Lines dropped because the writer fell behind. */
    public long dropped() {
        return dropped.get();
    }

    private void drain() {
        try {
            while (true) {
                emit(json(queue.take()));
                if (queue.isEmpty()) {
                    flush();
                }
            }
        } catch (InterruptedException e) {
            AccessRecord r;
            while ((r = queue.poll()) != null) {
                emit(json(r));
            }
        } finally {
            closeFile();
        }
    }

    private void emit(String line) {
        if (file == null) {
            log.log(Level.INFO, line);
            return;
        }
        try {
            if (out == null || written >= maxBytes) {
                open();
            }
            out.write(line);
            out.write('\n');
            written += line.length() + 1;
        } catch (IOException e) {
            dropped.incrementAndGet();
            closeFile();
            System.getLogger("edgebox.proxy").log(Level.WARNING, "access log " + file + ": " + e);
        }
    }

    private void open() throws IOException {
        closeFile();
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file) && Files.size(file) >= maxBytes) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        written = Files.exists(file) ? Files.size(file) : 0;
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private void flush() {
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                closeFile();
            }
        }
    }

    private void closeFile() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the lines written so far are on disk or lost with the device; nothing else to do
            }
            out = null;
        }
    }

    /** Writes what is queued and stops the writer, waiting at most a second. */
    @Override
    public void close() {
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String json(AccessRecord r) {
        StringBuilder b = new StringBuilder(320).append('{');
        field(b, "start_time", Instant.ofEpochMilli(r.startMillis()).toString()).append(',');
        field(b, "method", r.method()).append(',');
        field(b, "authority", r.authority()).append(',');
        field(b, "path", r.path()).append(',');
        field(b, "protocol", r.protocol()).append(',');
        b.append("\"response_code\":").append(r.status()).append(',');
        field(b, "response_flags", r.flags()).append(',');
        field(b, "gateway", r.gateway()).append(',');
        field(b, "route_name", r.route()).append(',');
        field(b, "upstream_cluster", r.cluster()).append(',');
        field(b, "upstream_host", r.upstreamHost()).append(',');
        b.append("\"bytes_received\":").append(r.bytesReceived()).append(',');
        b.append("\"bytes_sent\":").append(r.bytesSent()).append(',');
        b.append("\"duration\":").append(r.durationMicros() / 1000).append(',');
        b.append("\"upstream_service_time\":").append(r.upstreamMicros() < 0 ? "null" : String.valueOf(r.upstreamMicros() / 1000)).append(',');
        field(b, "x_request_id", r.requestId()).append(',');
        field(b, "downstream_remote_address", r.client());
        return b.append('}').toString();
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":");
        return JsonText.appendQuoted(b, value == null || value.isEmpty() ? null : value);
    }
}
