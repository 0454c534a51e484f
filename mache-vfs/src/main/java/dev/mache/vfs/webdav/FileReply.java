package dev.mache.vfs.webdav;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a GET or HEAD of a file answers, decided from the request's conditional and Range headers alone (RFC 9110
 * §13.2.2, §14): shared by {@link DavServlet} and {@link PlainFileHandler}, so that both answer a request alike.
 */
sealed interface FileReply {

    /** 200 with the whole file, or 206 with {@code length} bytes from {@code from} ({@code contentRange} set). */
    record Content(int status, long from, long length, String contentRange) implements FileReply { }

    /** 304: no body. */
    record NotModified() implements FileReply { }

    /** 412 or 416: a short text/plain {@code message} (416 also has {@code Content-Range: bytes *}{@code /size}). */
    record Refused(int status, String message, String contentRange) implements FileReply { }

    NotModified NOT_MODIFIED = new NotModified();

    /**
     * The answer for a file of {@code size} bytes with strong {@code etag} and {@code mtime} (epoch seconds);
     * {@code header} gives a request header's value by name (null when absent).
     */
    static FileReply decide(UnaryOperator<String> header, String etag, long mtime, long size) {
        // RFC 9110 §13.2.2 order: If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since
        String ifMatch = header.apply("If-Match");
        if (ifMatch != null && !matches(ifMatch, etag, true)) {
            return new Refused(412, "Precondition failed.", null);
        }
        if (ifMatch == null) {
            Optional<Long> ius = HttpDates.parse(header.apply("If-Unmodified-Since"));
            if (ius.isPresent() && mtime > ius.get()) {
                return new Refused(412, "Precondition failed.", null);
            }
        }
        String ifNoneMatch = header.apply("If-None-Match");
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, etag, false)) {
                return NOT_MODIFIED;
            }
        } else {
            Optional<Long> ims = HttpDates.parse(header.apply("If-Modified-Since"));
            if (ims.isPresent() && mtime <= ims.get()) {
                return NOT_MODIFIED;
            }
        }
        String range = header.apply("Range");
        if (range != null && ifRangeHolds(header.apply("If-Range"), etag, mtime)) {
            long[] span = ByteRange.parse(range, size);
            if (span == ByteRange.UNSATISFIABLE) {
                return new Refused(416, "Range not satisfiable.", "bytes */" + size);
            }
            if (span != null) {
                return new Content(206, span[0], span[1] - span[0] + 1,
                        "bytes " + span[0] + "-" + span[1] + "/" + size);
            }
        }
        return new Content(200, 0, size, null);
    }

    /** If-Match uses strong comparison, If-None-Match weak (RFC 9110 §13.1.1–2). */
    private static boolean matches(String header, String etag, boolean strong) {
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                if (strong) {
                    continue;
                }
                t = t.substring(2);
            }
            if (t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static boolean ifRangeHolds(String ifRange, String etag, long mtime) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("\"")) {
            return v.equals(etag);
        }
        return HttpDates.parse(v).map(d -> d == mtime).orElse(false);
    }
}
