package edgebox.lb.maglev;

import java.nio.charset.StandardCharsets;

/**
 * 64-bit hashing built on the MurmurHash3 64-bit finaliser (fmix64, Appleby): every input word is xored into
 * the state, multiplied by an odd constant and passed through fmix64. Allocation-free for words; the byte form
 * (used at table build time only) reads the UTF-8 bytes as little-endian 8-byte words. Not String.hashCode,
 * so the result is the same on every JVM.
 */
final class Hash64 {

    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L; // 2^64 / golden ratio, odd

    private Hash64() {}

    /** MurmurHash3's fmix64: every input bit affects every output bit. */
    static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }

    /** Folds one 64-bit word into the running hash state. */
    static long mix(long state, long word) {
        return fmix64((state ^ word) * MULTIPLIER);
    }

    /** The hash of a string's UTF-8 bytes under a seed; the length is mixed in so "a" and "a\0" differ. */
    static long ofUtf8(String text, long seed) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long state = mix(fmix64(seed), bytes.length);
        int i = 0;
        for (; i + 8 <= bytes.length; i += 8) {
            state = mix(state, littleEndianWord(bytes, i, 8));
        }
        if (i < bytes.length) {
            state = mix(state, littleEndianWord(bytes, i, bytes.length - i));
        }
        return state;
    }

    private static long littleEndianWord(byte[] bytes, int from, int count) {
        long word = 0;
        for (int b = count - 1; b >= 0; b--) {
            word = (word << 8) | (bytes[from + b] & 0xFFL);
        }
        return word;
    }
}
