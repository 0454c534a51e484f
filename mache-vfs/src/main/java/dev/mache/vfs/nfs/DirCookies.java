package dev.mache.vfs.nfs;

import dev.mache.vfs.Entry;
import dev.mache.vfs.VfsSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * READDIR cookies derived from entry names, so a listing paged across a hot swap neither repeats nor skips an entry
 * that exists in both versions (PROJECTION contract; list positions would shift when a sibling appears or goes).
 *
 * <p>The cookie of an entry is a 63-bit hash of its name (never 0, which means "from the start"). The server must
 * turn a cookie back into the name to resume with {@link VfsSnapshot#listAfter}: it first asks a bounded,
 * non-authoritative memo of the cookies it handed out (it also knows names removed by a swap since), and on a miss
 * (a restart, or the memo was cleared) hashes the directory's current names to find it. Only a cookie whose name is
 * neither remembered nor still present is refused, with NFS3ERR_BAD_COOKIE, and clients restart the listing. The
 * cookie verifier carries nothing the server relies on, so it is never checked (strict verifiers break Linux and
 * macOS clients); replies carry the directory's mtime as the verifier, for information only.
 */
final class DirCookies {

    private final int capacity;
    private final ConcurrentHashMap<Long, String> names = new ConcurrentHashMap<>();

    DirCookies(int capacity) {
        this.capacity = capacity;
    }

    static long cookieOf(String name) {
        // FNV-1a over the UTF-8 bytes, then a murmur3 finaliser to spread the bits.
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        h &= Long.MAX_VALUE; // positive: clients that keep cookies as signed offsets are happy
        return h == 0 ? 1 : h;
    }

    /** Issues the cookie of {@code name} and remembers it. */
    long issue(String name) {
        long cookie = cookieOf(name);
        if (names.size() >= capacity) {
            names.clear(); // non-authoritative: a miss falls back to hashing the directory's names
        }
        names.putIfAbsent(cookie, name);
        return cookie;
    }

    /** The name a cookie was issued for, or empty if neither remembered nor among the directory's current names. */
    Optional<String> nameOf(long cookie, VfsSnapshot snapshot, Entry dir) {
        String known = names.get(cookie);
        if (known != null) {
            return Optional.of(known);
        }
        for (Entry child : snapshot.list(dir)) {
            if (cookieOf(child.name()) == cookie) {
                names.putIfAbsent(cookie, child.name());
                return Optional.of(child.name());
            }
        }
        return Optional.empty();
    }
}
