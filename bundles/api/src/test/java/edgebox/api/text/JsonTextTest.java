package edgebox.api.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    private static String quoted(CharSequence text) {
        return JsonText.appendQuoted(new StringBuilder(), text).toString();
    }

    @Test
    void plainTextIsQuotedAsItIs() {
        assertEquals("\"www.example.com. A 127.0.0.1\"", quoted("www.example.com. A 127.0.0.1"));
        assertEquals("\"\"", quoted(""));
        assertEquals("null", quoted(null));
        assertEquals("x=\"é€\"", JsonText.appendQuoted(new StringBuilder("x="), "é€").toString());
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        assertEquals("\"say \\\"hi\\\" \\\\ bye\"", quoted("say \"hi\" \\ bye"));
        assertEquals("\"\\n\\r\\t\\b\\f\"", quoted("\n\r\t\b\f"));
        assertEquals("\"\\u0000\\u0001\\u001b\\u001f \"", quoted("\u0000\u0001\u001b\u001f\u0020"));
        assertEquals("\"a\\u2028b\\u2029c\"", quoted("a\u2028b\u2029c"));
        assertEquals("\"\u007f\"", quoted("\u007f"));
    }

    @Test
    void charactersBeyondTheBmpStayWholeAndLoneSurrogatesAreEscaped() {
        String emoji = new String(Character.toChars(0x1F600));
        assertEquals("\"ok " + emoji + "\"", quoted("ok " + emoji));
        assertEquals("\"\\ud83d x\"", quoted("\ud83d x"));
        assertEquals("\"x\\ude00\"", quoted("x\ude00"));
        assertEquals("\"\\ude00\\ud83d\"", quoted("\ude00\ud83d"));
    }

    @Test
    void appendsWithoutAllocating() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        StringBuilder out = new StringBuilder(1 << 16);
        String text = "client \"10.0.0.1\" asked\tfor\u0001 x.example.";
        for (int i = 0; i < 20_000; i++) {
            out.setLength(0);
            JsonText.appendQuoted(out, text);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            out.setLength(0);
            JsonText.appendQuoted(out, text);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 10_000, allocated + " bytes allocated for 10000 appends");
    }
}
