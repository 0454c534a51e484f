package dev.mache.vfs.webdav;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** HTTP-date (RFC 9110 IMF-fixdate) and ISO 8601 times for headers and DAV properties. */
final class HttpDates {

    private static final DateTimeFormatter IMF =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    static long seconds(long nanos) {
        return Math.floorDiv(nanos, 1_000_000_000L);
    }

    /** The last formatted Last-Modified: a GET formats one, and most files share a few times. */
    private record Formatted(long seconds, String text) { }

    private static volatile Formatted lastImf = new Formatted(Long.MIN_VALUE, "");

    static String imf(long epochSeconds) {
        Formatted last = lastImf;
        if (last.seconds() == epochSeconds) {
            return last.text();
        }
        String text = IMF.format(Instant.ofEpochSecond(epochSeconds));
        lastImf = new Formatted(epochSeconds, text);
        return text;
    }

    static String iso(long epochSeconds) {
        return ISO.format(Instant.ofEpochSecond(epochSeconds));
    }

    /** Parses an HTTP-date in any of the three formats RFC 9110 accepts; empty if it is none of them. */
    static Optional<Long> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        for (DateTimeFormatter f : new DateTimeFormatter[]{
                DateTimeFormatter.RFC_1123_DATE_TIME,
                DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.US),
                DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC)}) {
            try {
                return Optional.of(ZonedDateTime.parse(v, f).toEpochSecond());
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return Optional.empty();
    }

    /** Formats one entry's times, remembering the last second: entries of a listing mostly share a few mtimes. */
    static final class Cache {
        private long lastSeconds = Long.MIN_VALUE;
        private String lastImf;
        private String lastIso;

        String imf(long seconds) {
            fill(seconds);
            return lastImf;
        }

        String iso(long seconds) {
            fill(seconds);
            return lastIso;
        }

        private void fill(long seconds) {
            if (seconds != lastSeconds) {
                lastSeconds = seconds;
                lastImf = HttpDates.imf(seconds);
                lastIso = HttpDates.iso(seconds);
            }
        }
    }
}
