package dev.mache.vfs.ops;

import java.util.Locale;
import java.util.OptionalDouble;

/** What {@code /_mache/health} answers: the served snapshot can be read (200), or it cannot (503). */
public sealed interface Health {

    /** The HTTP status of the answer. */
    int httpStatus();

    /** The answer's body, a one-line JSON object. */
    String json();

    /**
     * The store answered: its snapshot's generation, age (empty when the store has never committed, e.g. during the
     * first index) and counts. {@code phase} is the store's ({@code ready}, or {@code indexing} while the first
     * index of {@code mache serve DIR} runs).
     */
    record Serving(long generation, OptionalDouble ageSeconds, long files, long constructs, long references,
                   String phase) implements Health {
        @Override
        public int httpStatus() {
            return 200;
        }

        @Override
        public String json() {
            StringBuilder j = new StringBuilder("{\"status\":\"ok\"");
            j.append(",\"phase\":").append(quote(phase));
            j.append(",\"generation\":").append(generation);
            if (ageSeconds.isPresent()) {
                j.append(",\"snapshot_age_seconds\":").append(String.format(Locale.ROOT, "%.3f",
                        ageSeconds.getAsDouble()));
            }
            j.append(",\"files\":").append(files);
            j.append(",\"constructs\":").append(constructs);
            j.append(",\"references\":").append(references);
            return j.append("}\n").toString();
        }
    }

    /** The store could not be read; {@code reason} is the one-line failure. */
    record Unavailable(String reason) implements Health {
        @Override
        public int httpStatus() {
            return 503;
        }

        @Override
        public String json() {
            return "{\"status\":\"unavailable\",\"error\":" + quote(reason) + "}\n";
        }
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
