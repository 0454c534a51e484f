package dev.mache.schemas;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the read-only ley-line fixtures ({@code shared/fixtures/leyline}) above the working directory. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path leyline() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/leyline");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures/leyline not found above " + Path.of("").toAbsolutePath());
    }
}
