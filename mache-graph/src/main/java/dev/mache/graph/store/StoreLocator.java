package dev.mache.graph.store;

import dev.mache.graph.Names;

import java.nio.file.Path;
import java.util.HexFormat;

/** Where a source tree's store lives by default. */
public final class StoreLocator {
    private StoreLocator() {
    }

    /**
     * {@code ~/.cache/mache/<dirname>-<8 hex>.db}: the 8 hex digits are the start of the SHA-256 of the absolute,
     * normalized source path, so two trees with the same directory name get different stores.
     */
    public static Path defaultDbFor(Path source) {
        Path abs = source.toAbsolutePath().normalize();
        Path fileName = abs.getFileName();
        String dirname = fileName == null ? "root" : fileName.toString();
        String hash = HexFormat.of().formatHex(Names.sha256(abs.toString()), 0, 4);
        return Path.of(System.getProperty("user.home"), ".cache", "mache", dirname + "-" + hash + ".db");
    }
}
