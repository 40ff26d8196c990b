package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

import edgebox.proxy.route.RouteDecision;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Headers;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/2 flood limits on a raw h2c connection, with frames written by hand: SETTINGS offers the stream limit,
 * rapid reset and CONTINUATION floods end in GOAWAY ENHANCE_YOUR_CALM and a closed connection.
 */
class Http2LimitsTest {

    private static final int HEADERS = 0x1;
    private static final int RST_STREAM = 0x3;
    private static final int SETTINGS = 0x4;
    private static final int GOAWAY = 0x7;
    private static final int CONTINUATION = 0x9;
    private static final int ENHANCE_YOUR_CALM = 0xb;

    record Frame(int type, int flags, int stream, ByteBuf payload) {
    }

    private static final Limits LIMITS = new Limits(8192, 65536, 100, 1000, 10_000, 60_000, 100, 5, 10, 30, 4,
            1000, 8, 65536, 1000, 100);

    /** A raw h2c (prior knowledge) connection: preface and empty SETTINGS sent. */
    static Socket connect(ProxyHarness p) throws Exception {
        Socket s = new Socket("127.0.0.1", p.port());
        s.setSoTimeout(5000);
        write(s, Http2CodecUtil.connectionPrefaceBuf(), frame(SETTINGS, 0, 0, Unpooled.EMPTY_BUFFER));
        return s;
    }

    static void write(Socket s, ByteBuf... bufs) throws IOException {
        for (ByteBuf b : bufs) {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            s.getOutputStream().write(bytes);
        }
        s.getOutputStream().flush();
    }

    /** Frames the server sent until it closed the connection (or the read timed out). */
    static List<Frame> readUntilClosed(Socket s) throws IOException {
        List<Frame> frames = new ArrayList<>();
        DataInputStream in = new DataInputStream(s.getInputStream());
        try {
            while (true) {
                int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt();
                byte[] payload = in.readNBytes(length);
                frames.add(new Frame(type, flags, stream, Unpooled.wrappedBuffer(payload)));
            }
        } catch (EOFException | SocketException | SocketTimeoutException e) {
            return frames;
        }
    }

    /** Requests go to the backend's {@code /slow}, so each stream is still open when its RST_STREAM arrives. */
    private static ProxyHarness proxy() throws InterruptedException {
        return proxy(LIMITS);
    }

    private static ProxyHarness proxy(Limits limits) throws InterruptedException {
        return new ProxyHarness(limits, ProxyHarness.forwardAll(RouteDecision.Timeouts.NONE,
                RouteDecision.Retry.NONE));
    }

    static ByteBuf frame(int type, int flags, int stream, ByteBuf payload) {
        ByteBuf b = Unpooled.buffer(9 + payload.readableBytes());
        b.writeMedium(payload.readableBytes()).writeByte(type).writeByte(flags).writeInt(stream);
        b.writeBytes(payload);
        payload.release();
        return b;
    }

    private static ByteBuf headerBlock(int stream) throws Exception {
        Http2Headers h = new DefaultHttp2Headers().method("GET").scheme("http").authority("a").path("/slow");
        ByteBuf out = Unpooled.buffer();
        new DefaultHttp2HeadersEncoder().encodeHeaders(stream, h, out);
        return out;
    }

    private static boolean goAwayCalm(List<Frame> frames) {
        return frames.stream().anyMatch(f -> f.type() == GOAWAY && f.payload().getInt(4) == ENHANCE_YOUR_CALM);
    }

    @Test
    void settingsOfferTheConfiguredStreamLimitAndRapidResetEndsTheConnection() throws Exception {
        try (ProxyHarness p = proxy(); Socket s = connect(p)) {
            for (int stream = 1; stream < 2 * 40; stream += 2) {
                write(s, frame(HEADERS, 0x4, stream, headerBlock(stream)),
                        frame(RST_STREAM, 0, stream, Unpooled.buffer(4).writeInt(8)));
            }
            List<Frame> frames = readUntilClosed(s);
            Frame settings = frames.stream().filter(f -> f.type() == SETTINGS && f.flags() == 0).findFirst()
                    .orElseThrow();
            boolean found = false;
            for (int i = 0; i + 6 <= settings.payload().readableBytes(); i += 6) {
                if (settings.payload().getUnsignedShort(i) == 0x3) {
                    assertEquals(5, settings.payload().getInt(i + 2));
                    found = true;
                }
            }
            assertTrue(found, "SETTINGS_MAX_CONCURRENT_STREAMS sent");
            assertTrue(goAwayCalm(frames), "GOAWAY ENHANCE_YOUR_CALM in " + frames.stream().filter(f -> f.type()
                    == GOAWAY).map(f -> "GOAWAY error " + f.payload().getInt(4)).toList());
        }
    }

    @Test
    void drainSendsGoAwayAndFinishesTheOpenStream() throws Exception {
        Limits patient = new Limits(8192, 65536, 100, 1000, 10_000, 60_000, 100, 5, 10, 30, 4, 1000, 8, 65536, 5000,
                100);
        try (ProxyHarness p = proxy(patient); Socket s = connect(p)) {
            write(s, frame(HEADERS, 0x4 | 0x1, 1, headerBlock(1)));
            org.junit.jupiter.api.Assertions.assertNotNull(p.backend.requests.poll(5,
                    java.util.concurrent.TimeUnit.SECONDS));
            java.util.concurrent.CompletableFuture<Integer> forced = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            return p.connections.drain(5000);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    });
            List<Frame> frames = readUntilClosed(s);
            List<Integer> types = frames.stream().map(Frame::type).toList();
            int goAway = types.indexOf(GOAWAY);
            int answer = types.lastIndexOf(HEADERS);
            assertTrue(goAway >= 0 && answer > goAway, "GOAWAY, then the answer on stream 1: " + types);
            assertEquals(0, frames.get(goAway).payload().getInt(4), "NO_ERROR");
            assertEquals(0, forced.get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void continuationFloodEndsTheConnection() throws Exception {
        try (ProxyHarness p = proxy(); Socket s = connect(p)) {
            ByteBuf block = headerBlock(1);
            write(s, frame(HEADERS, 0, 1, block.readRetainedSlice(1)));
            try {
                for (int i = 0; i < 50; i++) {
                    write(s, frame(CONTINUATION, 0, 1, Unpooled.EMPTY_BUFFER));
                }
            } catch (IOException closedMidFlood) {
                // the proxy may end the connection before the flood is all written; its GOAWAY is still to read
            }
            block.release();
            List<Frame> frames = readUntilClosed(s);
            assertTrue(frames.stream().anyMatch(f -> f.type() == GOAWAY), "GOAWAY in " + frames);
        }
    }
}
