package edgebox.proxy.http;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;

/**
 * The HTTP/1.1 request parser with the edge's rules, first in a plain or TLS-terminated HTTP/1.1 pipeline (inside
 * {@link ServerCodec}). On top of netty's limits and checks (request line, header block, duplicate differing
 * Content-Length, bad chunk sizes, RFC 9112 Transfer-Encoding rules, CRLF line ends only) it refuses a request carrying both Transfer-Encoding and Content-Length and any obsolete line
 * folding: such requests come out as messages with a failed decoder result, and the handler after answers 400 and
 * closes. It also times the head: from the first byte of a request head to its end at most
 * {@code headerReadTimeoutMillis}, else it fires {@link #HEAD_TIMEOUT}. A head only sets its deadline; one timer
 * looks at it when due and is made again only when it found no head in progress, so keep-alive requests do not
 * schedule and cancel a timer each.
 */
final class RequestDecoder extends HttpRequestDecoder {

    /** User event fired when a request head did not arrive in time. */
    static final Object HEAD_TIMEOUT = new Object() {
        @Override
        public String toString() {
            return "HEAD_TIMEOUT";
        }
    };

    private final long headTimeoutMillis;
    private boolean inHead = true;
    private boolean headStarted;
    private Future<?> headTimer;
    /** Ticker time by which the head in progress must be complete; 0 when no head is in progress. */
    private long headDeadline;
    private ChannelHandlerContext ctx;

    private final Queue<HttpMethod> methods;

    /** {@code methods} receives each decoded request's method, for the response encoder (HEAD has no body). */
    RequestDecoder(Limits limits, Queue<HttpMethod> methods) {
        super(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxRequestLine())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxChunkSize(65536)
                .setAllowDuplicateContentLengths(false)
                .setUseRfc9112TransferEncoding(true)
                .setStrictLineParsing(true)
                .setValidateHeaders(true));
        this.headTimeoutMillis = limits.headerReadTimeoutMillis();
        this.methods = methods;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (inHead && buffer.isReadable()) {
            if (headDeadline == 0 && headTimeoutMillis > 0) {
                this.ctx = ctx;
                long timeout = TimeUnit.MILLISECONDS.toNanos(headTimeoutMillis);
                headDeadline = Math.max(1, ctx.executor().ticker().nanoTime() + timeout);
                if (headTimer == null) {
                    headTimer = ctx.executor().schedule(this::headDue, timeout, TimeUnit.NANOSECONDS);
                }
            }
            if (folded(buffer)) {
                buffer.skipBytes(buffer.readableBytes());
                HttpMessage invalid = createInvalidMessage();
                invalid.setDecoderResult(io.netty.handler.codec.DecoderResult.failure(
                        new IllegalArgumentException("obsolete line folding in a request header")));
                out.add(invalid);
                inHead = false;
                headDeadline = 0;
                return;
            }
        }
        int before = out.size();
        super.decode(ctx, buffer, out);
        for (int i = before; i < out.size(); i++) {
            Object o = out.get(i);
            if (o instanceof HttpMessage) {
                if (o instanceof HttpRequest request && request.decoderResult().isSuccess()) {
                    methods.add(request.method());
                }
                inHead = false;
                headDeadline = 0;
            }
            if (o instanceof LastHttpContent) {
                inHead = true;
                headStarted = false;
            }
        }
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new IllegalArgumentException("both Transfer-Encoding and Content-Length in a request");
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        cancelTimer();
        super.handlerRemoved0(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelTimer();
        super.channelInactive(ctx);
    }

    /** The head timer: the head in progress is late, or it comes again at its deadline; none in progress, it ends. */
    private void headDue() {
        headTimer = null;
        if (headDeadline == 0) {
            return;
        }
        long left = headDeadline - ctx.executor().ticker().nanoTime();
        if (left <= 0) {
            headDeadline = 0;
            ctx.fireUserEventTriggered(HEAD_TIMEOUT);
        } else {
            headTimer = ctx.executor().schedule(this::headDue, left, TimeUnit.NANOSECONDS);
        }
    }

    private void cancelTimer() {
        headDeadline = 0;
        if (headTimer != null) {
            headTimer.cancel(false);
            headTimer = null;
        }
    }

    /**
     * True when a header line of the head now in the buffer starts with a space or tab (obs-fold, RFC 9112 5.2).
     * netty consumes a head line by line, so the reader index is always at a line start; scanning stops at the
     * blank line that ends the head, the body is never looked at.
     */
    private boolean folded(ByteBuf buffer) {
        boolean lineStart = true;
        for (int i = buffer.readerIndex(), to = buffer.writerIndex(); i < to; i++) {
            byte b = buffer.getByte(i);
            if (lineStart && headStarted) {
                if (b == ' ' || b == '\t') {
                    return true;
                }
                if (b == '\r' || b == '\n') {
                    return false;
                }
            }
            if (b == '\n') {
                lineStart = true;
            } else if (b != '\r') {
                lineStart = false;
                headStarted = true;
            }
        }
        return false;
    }
}
