package dev.mache.vfs;

import java.util.Optional;

/** The three reference views: the root indexes {@code defs/ callers/ callees/} and a construct's lists. */
enum Axis {
    CALLEES("callees"), CALLERS("callers"), DEFS("defs");

    private final String segment;

    Axis(String segment) {
        this.segment = segment;
    }

    String segment() {
        return segment;
    }

    /** The axis named by a root segment ({@code defs}, {@code callers}, {@code callees}). */
    static Optional<Axis> ofRoot(String segment) {
        for (Axis a : values()) {
            if (a.segment.equals(segment)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The axis named by a construct's virtual child ({@code callers} or {@code callees}). */
    static Optional<Axis> ofConstruct(String segment) {
        return segment.equals("callers") ? Optional.of(CALLERS)
                : segment.equals("callees") ? Optional.of(CALLEES) : Optional.empty();
    }
}
