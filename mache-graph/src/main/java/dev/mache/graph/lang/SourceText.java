package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Node;
import java.nio.charset.StandardCharsets;

/**
 * A file's bytes as tree-sitter sees them. tree-sitter takes a Java string and re-encodes it as UTF-8, so its byte
 * offsets equal the file's offsets only for valid UTF-8; invalid bytes are therefore replaced one-for-one by
 * {@code ?} before decoding, which keeps every offset identical to the original file's.
 */
final class SourceText {

    final byte[] bytes;
    final boolean repaired;
    private String string;

    SourceText(byte[] content) {
        byte[] b = content;
        int bad = firstInvalid(content);
        if (bad >= 0) {
            b = content.clone();
            repair(b, bad);
        }
        this.bytes = b;
        this.repaired = bad >= 0;
    }

    /** The whole text as a string, decoded on first use (the raw parser reads the bytes directly). */
    String string() {
        String s = string;
        if (s == null) string = s = new String(bytes, StandardCharsets.UTF_8);
        return s;
    }

    private int[] lineStarts;

    /** 0-based line of a byte offset. */
    int lineOf(int offset) {
        int[] starts = lineStarts;
        if (starts == null) lineStarts = starts = lineStarts(bytes);
        int i = java.util.Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }

    private static int[] lineStarts(byte[] bytes) {
        int count = 1;
        for (byte b : bytes) if (b == '\n') count++;
        int[] starts = new int[count];
        int k = 1;
        for (int i = 0; i < bytes.length; i++) if (bytes[i] == '\n') starts[k++] = i + 1;
        return starts;
    }

    /** The node's text, exactly as in the file (repaired bytes aside). */
    String text(Node node) {
        int s = node.getStartByte(), e = node.getEndByte();
        return text(s, e);
    }

    String text(int start, int end) {
        if (end <= start) return "";
        // the JDK's UTF-8 decoder takes ASCII runs with an intrinsic: no scan of our own first
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    /** The node's text with whitespace (and comments) squeezed out; see {@link #compact(String)}. */
    String compact(Node node) {
        return compact(text(node));
    }

    /** {@code compact(text(start, end))}; ASCII text is squeezed from the bytes directly, without the string between. */
    String compact(int start, int end) {
        if (end <= start) return "";
        byte[] b = bytes;
        boolean plain = true;
        for (int i = start; i < end; i++) {
            byte c = b[i];
            if (c < 0) return compact(text(start, end));
            if (isAsciiWhitespace(c)) plain = false;
        }
        if (plain) return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        byte[] out = new byte[end - start];  // a kept space always replaces at least one blank
        int n = 0;
        boolean pendingSpace = false;
        for (int i = start; i < end; i++) {
            byte c = b[i];
            if (isAsciiWhitespace(c)) {
                pendingSpace = n > 0;
                continue;
            }
            if (pendingSpace && isAsciiWord(out[n - 1]) && isAsciiWord(c)) out[n++] = ' ';
            pendingSpace = false;
            out[n++] = c;
        }
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** {@link Character#isWhitespace} of an ASCII character. */
    private static boolean isAsciiWhitespace(byte c) {
        return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
    }

    /** {@link #isWord} of an ASCII character. */
    private static boolean isAsciiWord(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
    }

    /**
     * Removes whitespace, except that a single space survives between two identifier characters so that
     * {@code unsigned int} and {@code const T&} keep their meaning: {@code Map<String, E>} → {@code Map<String,E>}.
     */
    static String compact(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace && isWord(out.charAt(out.length() - 1)) && isWord(c)) out.append(' ');
            pendingSpace = false;
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** True when only blanks stand between the start of the offset's line and the offset. */
    boolean onlyWhitespaceBefore(int offset) {
        for (int i = offset - 1; i >= 0; i--) {
            byte c = bytes[i];
            if (c == '\n') return true;
            if (c != ' ' && c != '\t' && c != '\r' && c != '\f') return false;
        }
        return true;
    }

    /** Index of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629), or -1. */
    static int firstInvalid(byte[] b) {
        int i = 0, n = b.length;
        while (i < n) {
            if (b[i] >= 0) { i++; continue; }
            int len = sequenceLength(b, i);
            if (len == 0) return i;
            i += len;
        }
        return -1;
    }

    private static void repair(byte[] b, int from) {
        int i = from, n = b.length;
        while (i < n) {
            if (b[i] >= 0) { i++; continue; }
            int len = sequenceLength(b, i);
            if (len == 0) { b[i] = '?'; i++; } else i += len;
        }
    }

    /** Length of the well-formed multi-byte sequence at i, or 0 when it is malformed. */
    private static int sequenceLength(byte[] b, int i) {
        int c = b[i] & 0xff, n = b.length;
        if (c >= 0xC2 && c <= 0xDF) return cont(b, i + 1, n) ? 2 : 0;
        if (c >= 0xE0 && c <= 0xEF) {
            if (i + 2 >= n) return 0;
            int c1 = b[i + 1] & 0xff;
            int lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
            return c1 >= lo && c1 <= hi && cont(b, i + 2, n) ? 3 : 0;
        }
        if (c >= 0xF0 && c <= 0xF4) {
            if (i + 3 >= n) return 0;
            int c1 = b[i + 1] & 0xff;
            int lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
            return c1 >= lo && c1 <= hi && cont(b, i + 2, n) && cont(b, i + 3, n) ? 4 : 0;
        }
        return 0;
    }

    private static boolean cont(byte[] b, int i, int n) {
        return i < n && (b[i] & 0xC0) == 0x80;
    }
}
