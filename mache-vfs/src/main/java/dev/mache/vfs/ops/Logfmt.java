package dev.mache.vfs.ops;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * logfmt ({@code key=value key="value with spaces"}): one event per line, readable by people and by log tools
 * (Loki, Vector, {@code grep}, {@code awk}). A value is quoted when it is empty or holds a space, {@code =} or
 * {@code "}; quotes, backslashes and control characters are escaped, so an event never spans two lines.
 */
public final class Logfmt {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Logfmt() {
    }

    /** The last second formatted, up to its dot: lines come many a second (an access log line per request). */
    private record Second(long epochSecond, String prefix) { }

    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    /** UTC, millisecond precision, fixed width: {@code 2026-11-28T03:21:07.120Z}. */
    public static String time(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000L);
        Second last = lastSecond;
        if (last.epochSecond() != second) {
            String full = TIME.format(Instant.ofEpochMilli(second * 1000L));
            last = new Second(second, full.substring(0, full.length() - 4)); // without "000Z"
            lastSecond = last;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        return last.prefix() + (char) ('0' + millis / 100) + (char) ('0' + millis / 10 % 10)
                + (char) ('0' + millis % 10) + 'Z';
    }

    /** Appends {@code key=value} (with a leading space unless {@code line} is empty). */
    public static StringBuilder pair(StringBuilder line, String key, Object value) {
        if (!line.isEmpty()) {
            line.append(' ');
        }
        line.append(key).append('=');
        return value(line, value == null ? "" : value.toString());
    }

    /** Appends {@code value}, quoted and escaped if it needs to be. */
    public static StringBuilder value(StringBuilder line, String value) {
        if (!needsQuotes(value)) {
            return line.append(value);
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '=' || c == '"' || c == '\\' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
