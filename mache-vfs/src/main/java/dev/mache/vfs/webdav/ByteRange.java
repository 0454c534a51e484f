package dev.mache.vfs.webdav;

/** A single byte range of a {@code Range: bytes=} header (RFC 9110 §14.1.2). */
final class ByteRange {

    /** The range lies wholly past the end: 416. */
    static final long[] UNSATISFIABLE = new long[0];

    private ByteRange() {
    }

    /**
     * The inclusive {@code [first, last]} span of a single range, {@link #UNSATISFIABLE}, or null when the header
     * is malformed or asks for several ranges (then the whole file is served with 200, which RFC 9110 allows).
     */
    static long[] parse(String header, long size) {
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        String spec = h.substring(6).trim();
        if (spec.indexOf(',') >= 0) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) {
                    return suffix == 0 ? UNSATISFIABLE : null;
                }
                if (size == 0) {
                    return UNSATISFIABLE;
                }
                return new long[]{Math.max(0, size - suffix), size - 1};
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (first < 0 || last < first) {
                return null;
            }
            if (first >= size) {
                return UNSATISFIABLE;
            }
            return new long[]{first, Math.min(last, size - 1)};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
