package dev.mache.graph.lang.natives;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies native libraries out of the classpath into a private cache directory, one directory per content hash
 * ({@code ~/.cache/mache/natives/<sha256-prefix>/<file>}), so that a library file is never overwritten while
 * another process has it mapped: a changed library lands in a new directory. Writes go to a temporary file and
 * are moved into place atomically; an existing file with the right hash is reused.
 */
final class Extractor {

    private static final Logger log = LoggerFactory.getLogger(Extractor.class);

    private final Path root;

    Extractor(Path root) {
        this.root = root;
    }

    /**
     * The cache root: system property {@code mache.natives.dir}, else {@code $XDG_CACHE_HOME/mache/natives}, else
     * {@code ~/.cache/mache/natives}; a fresh temporary directory when that one is not writable. A configured
     * directory that exists is used even when it is read-only: an installed distribution ships its libraries there,
     * already extracted (packaging/src/dist/build-dist.sh), and every run only reads them.
     */
    static Extractor create() {
        String configured = System.getProperty("mache.natives.dir");
        Path preferred;
        if (configured != null && !configured.isBlank()) {
            preferred = Path.of(configured);
            if (Files.isDirectory(preferred) && !Files.isWritable(preferred)) {
                return new Extractor(preferred);
            }
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            preferred = cache.resolve("mache").resolve("natives");
        }
        try {
            Files.createDirectories(preferred);
            if (Files.isWritable(preferred)) {
                return new Extractor(preferred);
            }
        } catch (IOException | SecurityException e) {
            log.debug("native cache {} unusable: {}", preferred, e.toString());
        }
        try {
            Path temp = Files.createTempDirectory("mache-natives-");
            log.warn("native library cache {} is not writable; extracting to {}", preferred, temp);
            return new Extractor(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the tree-sitter native libraries", e);
        }
    }

    Path root() {
        return root;
    }

    /** Extracts {@code resource} as {@code fileName}; empty when the classpath has no such resource. */
    Optional<Path> extract(ClassLoader loader, String resource, String fileName) {
        byte[] bytes;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read native library resource " + resource, e);
        }
        String hash = sha256(bytes);
        Path dir = root.resolve(hash.substring(0, 24));
        Path target = dir.resolve(fileName);
        try {
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length
                    && sha256(Files.readAllBytes(target)).equals(hash)) {
                return Optional.of(target);
            }
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, fileName, ".part");
            try {
                Files.write(temp, bytes);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (FileAlreadyExistsException raced) {
                // another process put the same content there first
            } finally {
                Files.deleteIfExists(temp);
            }
            log.debug("extracted {} to {}", resource, target);
            return Optional.of(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract native library " + resource + " to " + target, e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
