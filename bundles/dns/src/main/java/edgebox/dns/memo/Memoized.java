package edgebox.dns.memo;

import edgebox.dns.answer.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One reply as the responder built it, ID zero, and what to patch when it is sent again: the ID, the question's
 * letter case and, for a forwarded answer, each TTL at {@code ttlOffsets} aged by the seconds since it was kept (a
 * local answer has none). It is served until {@code expires} (never, for a local answer) and while the forwarder's
 * {@code epoch} (its cache and flushes) is unchanged. Local and forwarded replies take the same steps, so the
 * compiled code serves both without a detour. {@code optStart}: where the reply's OPT record starts, the last of the reply; -1 without.
 */
record Memoized(byte[] wire, int[] ttlOffsets, int optStart, long stored, long expires, long epoch,
        Outcome outcome) {

    private static final int TC = 0x0200;

    /** Valid for another reply at {@code now} with the forwarder at {@code currentEpoch}. */
    boolean valid(long now, long currentEpoch) {
        return now < expires && epoch == currentEpoch;
    }

    /** The reply to {@code query} (whose question is {@code q}) in a new buffer from {@code alloc}. */
    ByteBuf reply(ByteBuf query, WireQuestion q, ByteBufAllocator alloc, long now) {
        ByteBuf out = alloc.ioBuffer(wire.length);
        out.writeBytes(wire);
        out.setShort(0, q.id());
        copyName(query, q, out);
        long age = (now - stored) / 1000;
        for (int offset : ttlOffsets) {
            out.setInt(offset, (int) Math.max(0, out.getUnsignedInt(offset) - age));
        }
        return out;
    }

    /**
     * The header, question and OPT only, with TC, for response rate limiting's slip: the client asks again over TCP.
     */
    ByteBuf truncated(ByteBuf query, WireQuestion q, ByteBufAllocator alloc) {
        int questionEnd = q.nameEnd() + 4;
        int opt = optStart < 0 ? 0 : wire.length - optStart;
        ByteBuf out = alloc.ioBuffer(questionEnd + opt);
        out.writeBytes(wire, 0, questionEnd);
        if (opt > 0) {
            out.writeBytes(wire, optStart, opt);
        }
        out.setShort(0, q.id());
        out.setShort(2, out.getUnsignedShort(2) | TC);
        out.setShort(6, 0);
        out.setShort(8, 0);
        out.setShort(10, opt > 0 ? 1 : 0);
        copyName(query, q, out);
        return out;
    }

    /** The question's name as the client wrote it; byte by byte, as a buffer-to-buffer copy would slice both. */
    private static void copyName(ByteBuf query, WireQuestion q, ByteBuf out) {
        int base = query.readerIndex();
        for (int i = WireQuestion.HEADER; i < q.nameEnd(); i++) {
            out.setByte(i, query.getByte(base + i));
        }
    }
}
