package dev.mache.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Path-segment names and the hashes derived from paths (PROJECTION.md §4, ARCHITECTURE.md §4).
 * Everything here is a pure function of its input, so paths, fileids and handles are stable across runs.
 */
public final class Names {
    /** Longest segment, in UTF-8 bytes, before a name is shortened with a hash suffix. */
    public static final int MAX_SEGMENT_BYTES = 255;

    private Names() {
    }

    /**
     * Escapes a name so it is one valid path segment, reversibly: {@code /} → {@code %2F}, {@code %} → {@code %25},
     * control bytes and NUL → {@code %XX}, a whole {@code .} or {@code ..} → {@code %2E}/{@code %2E%2E}; names over
     * 255 UTF-8 bytes keep their first bytes and end in {@code ~} plus 8 hex digits of their hash.
     */
    public static String escape(String name) {
        if (name.equals(".")) {
            return "%2E";
        }
        if (name.equals("..")) {
            return "%2E%2E";
        }
        StringBuilder out = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean bad = c == '/' || c == '%' || c < 0x20 || c == 0x7f;
            if (bad && out == null) {
                out = new StringBuilder(name.length() + 8).append(name, 0, i);
            }
            if (out != null) {
                if (bad) {
                    out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
                } else {
                    out.append(c);
                }
            }
        }
        String escaped = out == null ? name : out.toString();
        return shorten(escaped);
    }

    /** Reverses {@link #escape} (except shortening, which is one-way). */
    public static String unescape(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()) {
                try {
                    out.append((char) Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                } catch (NumberFormatException ignored) {
                    // not an escape: keep the '%'
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    static String shorten(String segment) {
        byte[] utf8 = segment.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_SEGMENT_BYTES) {
            return segment;
        }
        String suffix = "~" + HexFormat.of().formatHex(sha256(utf8), 0, 4);
        int keep = MAX_SEGMENT_BYTES - suffix.length();
        // cut on a UTF-8 character boundary
        while (keep > 0 && (utf8[keep] & 0xC0) == 0x80) {
            keep--;
        }
        return new String(utf8, 0, keep, StandardCharsets.UTF_8) + suffix;
    }

    /** One digest per thread: fileids and handles hash a path per entry served, and getInstance costs more. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** SHA-256 of the UTF-8 bytes. */
    public static byte[] sha256(byte[] bytes) {
        return SHA256.get().digest(bytes); // digest() resets the instance for the next call
    }

    public static byte[] sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The first 16 bytes of SHA-256: the key of the store's hash → name table, used by long file handles. */
    public static byte[] hash128(String s) {
        byte[] full = sha256(s);
        byte[] out = new byte[16];
        System.arraycopy(full, 0, out, 0, 16);
        return out;
    }

    /** A stable, non-zero 64-bit id derived from a path (the NFS fileid / inode number). */
    public static long fileId(String path) {
        byte[] h = sha256(path);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xFF);
        }
        v &= Long.MAX_VALUE; // positive, so every client prints it the same way
        return v == 0 ? 1 : v;
    }
}
