package dev.mache.vfs.webdav;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of tree paths into hrefs (UTF-8), and escaping for XML and HTML text. */
final class Hrefs {

    private static final boolean[] SAFE = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            SAFE[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            SAFE[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            SAFE[c] = true;
        }
        // unreserved, plus the few sub-delims that make overload names readable and mean nothing in a path
        for (char c : "-._~(),:@".toCharArray()) {
            SAFE[c] = true;
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Hrefs() {
    }

    /** {@code /} + each segment of {@code path} percent-encoded, + {@code /} for a collection. */
    static String of(String path, boolean collection) {
        StringBuilder sb = new StringBuilder(path.length() + 8);
        sb.append('/');
        appendPath(sb, path);
        if (collection && !path.isEmpty()) {
            sb.append('/');
        }
        return sb.toString();
    }

    /** Appends a path (segments separated by {@code /}), encoding each segment. */
    static void appendPath(StringBuilder sb, String path) {
        int start = 0;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            appendSegment(sb, path, start, end);
            if (slash < 0) {
                break;
            }
            sb.append('/');
            start = slash + 1;
        }
    }

    static void appendSegment(StringBuilder sb, String s) {
        appendSegment(sb, s, 0, s.length());
    }

    private static void appendSegment(StringBuilder sb, String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                if (SAFE[c]) {
                    sb.append(c);
                } else {
                    pct(sb, c);
                }
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < to ? i + 2 : i + 1;
                for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    pct(sb, b & 0xff);
                }
                i = end - 1;
            }
        }
    }

    private static void pct(StringBuilder sb, int b) {
        sb.append('%').append(HEX[b >> 4]).append(HEX[b & 15]);
    }

    /** Escapes text for XML or HTML content and double-quoted attribute values. */
    static void escape(StringBuilder sb, CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0xfffe || c == 0xffff) {
                        sb.append('\uFFFD'); // not representable in XML 1.0
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    static String escape(CharSequence s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        escape(sb, s);
        return sb.toString();
    }
}
