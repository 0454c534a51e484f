package dev.mache.vfs.ops;

/**
 * A writer of the Prometheus text exposition format, version 0.0.4: per metric family a {@code # HELP} and a
 * {@code # TYPE} line, then its samples {@code name{label="value",...} value}, one per line, ending in a newline.
 */
public final class Exposition {
    /** The Content-Type of a scrape's answer. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder text = new StringBuilder(4096);

    /** Starts a family; {@code type} is counter, gauge, histogram, summary or untyped. */
    public Exposition family(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ');
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                default -> text.append(c);
            }
        }
        text.append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** One sample; {@code labels} alternate name and value. */
    public Exposition sample(String name, double value, String... labels) {
        text.append(name);
        if (labels.length > 0) {
            text.append('{');
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(labels[i]).append("=\"");
                escapeLabel(labels[i + 1]);
                text.append('"');
            }
            text.append('}');
        }
        text.append(' ').append(number(value)).append('\n');
        return this;
    }

    private void escapeLabel(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '"' -> text.append("\\\"");
                case '\n' -> text.append("\\n");
                default -> text.append(c);
            }
        }
    }

    /** Integers without a fraction (counts read as counts), others in plain decimal ({@code 0.0001}, not 1.0E-4). */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (Math.abs(v) >= 1e-9 && Math.abs(v) < 1e15) {
            return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        return Double.toString(v);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
