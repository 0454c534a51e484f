package dev.mache.vfs.ops;

/**
 * One answered HTTP request, as the access log writes it: {@code remote method path status bytes ms ua}.
 *
 * @param path           the request's path as sent (still percent-encoded), with its query if any
 * @param bytes          body bytes sent
 * @param durationNanos  from the request's first byte to the response's completion
 * @param userAgent      empty when the client sent none
 */
public record AccessRecord(long epochMillis, String remote, String method, String path, int status, long bytes,
                           long durationNanos, String userAgent) {

    /** Appends the record's fields as logfmt pairs (no time stamp). */
    public StringBuilder appendFields(StringBuilder line) {
        Logfmt.pair(line, "remote", remote);
        Logfmt.pair(line, "method", method);
        Logfmt.pair(line, "path", path);
        Logfmt.pair(line, "status", status);
        Logfmt.pair(line, "bytes", bytes);
        Logfmt.pair(line, "ms", millis(durationNanos));
        return Logfmt.pair(line, "ua", userAgent);
    }

    /** The access log's line (without the newline): {@code ts=... remote=... method=... ...}. */
    public String line() {
        StringBuilder line = new StringBuilder(160);
        Logfmt.pair(line, "ts", Logfmt.time(epochMillis));
        return appendFields(line).toString();
    }

    /** Milliseconds with three decimals, without String.format on the request path. */
    static String millis(long nanos) {
        long micros = Math.max(0, nanos) / 1000;
        long frac = micros % 1000;
        return (micros / 1000) + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac;
    }
}
