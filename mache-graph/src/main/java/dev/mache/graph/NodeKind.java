package dev.mache.graph;

/** The stored kinds, with the ley-line integer codes (1 = directory, 0 = file). */
public enum NodeKind {
    FILE(0), DIRECTORY(1);

    private final int code;

    NodeKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static NodeKind of(int code) {
        return switch (code) {
            case 0 -> FILE;
            case 1 -> DIRECTORY;
            default -> throw new IllegalArgumentException("unknown node kind " + code);
        };
    }
}
