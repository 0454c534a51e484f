package dev.mache.vfs.webdav;

import dev.mache.vfs.Entry;
import dev.mache.vfs.EntryType;
import dev.mache.vfs.VfsSnapshot;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An entry as WebDAV sees it. WebDAV has no symlinks, so a symlink ({@code callers/}, {@code callees/},
 * {@code defs/} entries) is a regular file whose bytes, size and time are its target's; {@code target} names the
 * target path for the {@code mache:target} property and the HTML view.
 *
 * @param entry   the entry at the requested path
 * @param content the entry whose bytes are served (the target for a symlink); null for a dangling symlink
 * @param target  for a symlink, the tree path it resolves to
 */
record Resource(Entry entry, Entry content, Optional<String> target) {

    static final int CHUNK = 1 << 20;

    private static final HexFormat HEX = HexFormat.of();

    static Resource of(VfsSnapshot snapshot, Entry entry) {
        if (entry.type() != EntryType.SYMLINK) {
            return new Resource(entry, entry, Optional.empty());
        }
        Optional<String> target = entry.target();
        Entry content = target.flatMap(snapshot::lookup).filter(e -> !e.isDirectory()).orElse(null);
        return new Resource(entry, content, target);
    }

    boolean isCollection() {
        return entry.isDirectory();
    }

    /** Byte length served by GET: the target's size for a symlink. */
    long size() {
        return content == null ? 0 : content.size();
    }

    long mtimeNanos() {
        return content == null ? entry.mtimeNanos() : content.mtimeNanos();
    }

    /** The file's bytes as one array when they are at most {@link #CHUNK} long, read in one call. */
    byte[] readSmall(VfsSnapshot snapshot) {
        if (content == null || size() == 0) {
            return new byte[0];
        }
        return snapshot.read(content, 0, (int) size());
    }

    /** All the file's bytes (for rendering; callers bound the size). */
    byte[] readSmallOrAll(VfsSnapshot snapshot) {
        if (content == null || size() == 0) {
            return new byte[0];
        }
        return snapshot.read(content, 0, (int) Math.min(Integer.MAX_VALUE - 16, size()));
    }

    /**
     * A strong ETag: the first 128 bits of the SHA-256 of the bytes a GET returns. The graph offers no content
     * hash per node (a construct's {@code source} is a slice of a file, a symlink's bytes are its target's), and
     * size+mtime is not a content hash, so the bytes are hashed. Files are small (at most the 8 MiB index limit),
     * a GET reads them anyway, and SHA-256 runs at about 1 GB/s on this JDK, so this costs a few microseconds for
     * a typical source file.
     */
    String etag(VfsSnapshot snapshot, byte[] small) {
        MessageDigest sha = sha256();
        if (small != null) {
            sha.update(small);
        } else if (content != null) {
            long size = size();
            for (long off = 0; off < size; ) {
                byte[] part = snapshot.read(content, off, (int) Math.min(CHUNK, size - off));
                if (part.length == 0) {
                    break;
                }
                sha.update(part);
                off += part.length;
            }
        }
        byte[] d = sha.digest();
        return "\"" + HEX.formatHex(d, 0, 16) + "\"";
    }

    String etag(VfsSnapshot snapshot) {
        return etag(snapshot, size() <= CHUNK ? readSmall(snapshot) : null);
    }

    /** One digest per thread, reset by each {@code digest()}: looking the algorithm up costs more than hashing. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private static MessageDigest sha256() {
        MessageDigest sha = SHA_256.get();
        sha.reset(); // in case a read failed half way through an earlier hash
        return sha;
    }
}
