package dev.mache.vfs.webdav;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request path decoded into tree segments, or the reason it was refused. Decoding is done here, on the raw
 * path, segment by segment, so that an encoded {@code /} or {@code ..} can never change which segments are asked
 * for: the tree's own names never contain {@code /}, {@code NUL}, or equal {@code .} / {@code ..} (PROJECTION.md §4
 * escapes them), so any of those after decoding is an attack or a broken client and gets 400.
 */
sealed interface DavPath {

    /** @param path the VFS path (segments joined by {@code /}, no leading slash; {@code ""} is the root) */
    record Ok(String path, boolean trailingSlash) implements DavPath { }

    record Bad(String reason) implements DavPath { }

    static DavPath parse(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return new Bad("path must start with /");
        }
        DavPath plain = ascii(rawPath);
        return plain != null ? plain : general(rawPath);
    }

    /** {@link #parse} for any path starting with {@code /}: segment by segment, each strictly decoded. */
    static DavPath general(String rawPath) {
        String body = rawPath.substring(1);
        boolean trailing = body.isEmpty() || body.endsWith("/");
        if (trailing && !body.isEmpty()) {
            body = body.substring(0, body.length() - 1);
        }
        if (body.isEmpty()) {
            return new Ok("", true);
        }
        StringBuilder path = new StringBuilder(body.length());
        for (String raw : body.split("/", -1)) {
            if (raw.isEmpty()) {
                return new Bad("empty path segment");
            }
            String decoded;
            try {
                decoded = decode(raw);
            } catch (IllegalArgumentException e) {
                return new Bad(e.getMessage());
            }
            if (decoded.equals(".") || decoded.equals("..")) {
                return new Bad("dot segment");
            }
            for (int i = 0; i < decoded.length(); i++) {
                char c = decoded.charAt(i);
                if (c == '/' || c < 0x20 || c == 0x7f) {
                    return new Bad("encoded slash or control character in a segment");
                }
            }
            if (!path.isEmpty()) {
                path.append('/');
            }
            path.append(decoded);
        }
        return new Ok(path.toString(), trailing);
    }

    /**
     * The common case in one pass, without splitting or re-encoding: printable ASCII, with escapes of printable ASCII
     * only ({@code %28int%29}). Null when the path needs the general decoder (an escape of a UTF-8 byte, anything
     * malformed) or is refused (an empty or dot segment, an escaped slash or control character), so that
     * {@link #parse} gives the same answer and the same reason either way.
     */
    private static DavPath ascii(String raw) {
        int n = raw.length();
        boolean trailing = n == 1 || raw.charAt(n - 1) == '/';
        int end = trailing ? n - 1 : n; // the body is raw[1, end)
        if (end <= 1) {
            return new Ok("", true);
        }
        char[] out = new char[end - 1];
        int len = 0;
        int segment = 0; // where the current segment starts in out
        for (int i = 1; i <= end; i++) {
            char c = i < end ? raw.charAt(i) : '/';
            if (c == '%') {
                int hi = i + 2 < end ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = i + 2 < end ? Character.digit(raw.charAt(i + 2), 16) : -1;
                int b = hi << 4 | lo;
                if (hi < 0 || lo < 0 || b < 0x20 || b >= 0x7f || b == '/') {
                    return null;
                }
                out[len++] = (char) b;
                i += 2;
            } else if (c < 0x20 || c >= 0x7f) {
                return null;
            } else if (c != '/') {
                out[len++] = c;
            } else {
                int s = len - segment;
                if (s == 0 || (s <= 2 && out[segment] == '.' && (s == 1 || out[segment + 1] == '.'))) {
                    return null;
                }
                if (i < end) {
                    out[len++] = '/';
                }
                segment = len;
            }
        }
        return new Ok(new String(out, 0, len), trailing);
    }

    /** Strict percent-decoding to UTF-8: a malformed escape or byte sequence is an error, never replaced. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    throw new IllegalArgumentException("control character in path");
                }
            }
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("truncated percent escape");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("malformed percent escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("control character in path");
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
                    utf8 = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(utf8);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("path is not valid UTF-8");
        }
    }
}
