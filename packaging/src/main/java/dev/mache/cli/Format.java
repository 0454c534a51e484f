package dev.mache.cli;

import dev.mache.vfs.Entry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the reading commands print entries. Times are UTC so the output is the same on every machine. */
final class Format {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** The path as a user writes it: with a leading slash. */
    static String display(String path) {
        return "/" + path;
    }

    /** {@code dr-xr-xr-x}, {@code -r--r--r--}, {@code lrwxrwxrwx}. */
    static String modeString(Entry e) {
        char type = switch (e.type()) {
            case DIRECTORY -> 'd';
            case FILE -> '-';
            case SYMLINK -> 'l';
        };
        StringBuilder b = new StringBuilder().append(type);
        int mode = e.mode();
        String rwx = "rwx";
        for (int shift = 6; shift >= 0; shift -= 3) {
            for (int bit = 0; bit < 3; bit++) {
                b.append((mode >> (shift + 2 - bit) & 1) != 0 ? rwx.charAt(bit) : '-');
            }
        }
        return b.toString();
    }

    static String typeName(Entry e) {
        return switch (e.type()) {
            case DIRECTORY -> "directory";
            case FILE -> "regular file";
            case SYMLINK -> "symbolic link";
        };
    }

    static String minutes(long nanos) {
        return MINUTES.format(instant(nanos));
    }

    static String iso(long nanos) {
        return DateTimeFormatter.ISO_INSTANT.format(instant(nanos));
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /**
     * A path argument to a tree path: {@code /}, {@code .} and the empty string are the root; one leading and any
     * trailing slashes are dropped. Anything else ({@code ..}, empty segments) is left for the VFS to refuse.
     */
    static String treePath(String arg) {
        String p = arg == null ? "" : arg;
        if (p.equals("/") || p.equals(".")) {
            return "";
        }
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
