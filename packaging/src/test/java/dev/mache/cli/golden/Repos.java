package dev.mache.cli.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Writable copies of fixture repositories, for tests that combine or edit them. */
final class Repos {
    private Repos() {
    }

    /** Copies the fixture of {@code lang} (dot files included) to {@code target}. */
    static Path copyFixture(String lang, Path target) {
        Path from = Golden.FIXTURES.resolve(lang);
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path to = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Replaces the one occurrence of {@code from} in a file. */
    static void edit(Path file, String from, String to) {
        try {
            String s = Files.readString(file);
            int at = s.indexOf(from);
            if (at < 0 || s.indexOf(from, at + 1) >= 0) {
                throw new IllegalArgumentException(file + " must hold exactly one " + from);
            }
            Files.writeString(file, s.substring(0, at) + to + s.substring(at + from.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
