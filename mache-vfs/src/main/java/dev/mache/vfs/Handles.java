package dev.mache.vfs;

import dev.mache.graph.Names;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * File handles: stateless, at most 64 bytes, derived from paths only, so a handle stays valid across restarts, hot
 * swaps and frontends serving the same store (ARCHITECTURE.md §4). Resolving one is a lookup in the graph (its
 * hash → name table), never a scan and never an in-memory cache.
 *
 * <pre>
 * byte 0      version, 1
 * byte 1      kind
 * kind 1 INLINE            the path's UTF-8 bytes (0..62 bytes; the root is the empty path)
 *                          → resolved by path lookup. Used for every path of at most 62 bytes, whatever it names.
 * kind 2 STORED            16 bytes Names.hash128(path)                                       (18 bytes in all)
 *                          → Snapshot.unhash gives the node id → node lookup.
 * kind 3 CONSTRUCT-VIRTUAL 16 bytes hash128(construct id) + 16 bytes hash128(full path)        (34 bytes)
 *                          for &lt;construct&gt;/callers|callees[/&lt;entry&gt;] and &lt;construct&gt;/source|location|context
 *                          → unhash the construct, then match the path hash among its files, its two lists and
 *                          their links.
 * kind 4 SYMBOL-VIRTUAL    16 bytes hash128(token) + 16 bytes hash128(full path)                (34 bytes)
 *                          for defs|callers|callees/&lt;symbol&gt;[/&lt;entry&gt;] → unhash the token, then match the
 *                          path hash among its three symbol directories and their links.
 * kind 5 TREE              8 bytes hash128(tree name) + a tree's own handle without its version byte
 *                          (at most 54 bytes: its paths are inlined up to 53 bytes)            (at most 64 bytes)
 *                          → issued by {@link MultiTreeFs}, which serves several trees under top-level directories:
 *                          the tree is found by its name, so adding or reordering trees moves no handle.
 * </pre>
 *
 * A well-formed handle whose node is gone resolves to {@link HandleLookup.Stale}; anything else mache never issues
 * (wrong version, kind or length, bad UTF-8, a path with {@code .}/{@code ..}) is {@link HandleLookup.Bad}.
 */
final class Handles {
    static final byte VERSION = 1;
    static final byte INLINE = 1;
    static final byte STORED = 2;
    static final byte CONSTRUCT_VIRTUAL = 3;
    static final byte SYMBOL_VIRTUAL = 4;
    static final byte TREE = 5;
    static final int MAX_INLINE_PATH = 62;
    static final int HASH = 16;

    private Handles() {
    }

    /** A decoded handle: what to look up. */
    sealed interface Key {
        record Inline(String path) implements Key { }

        record Stored(byte[] pathHash) implements Key { }

        record ConstructVirtual(byte[] constructHash, byte[] pathHash) implements Key { }

        record SymbolVirtual(byte[] tokenHash, byte[] pathHash) implements Key { }
    }

    static byte[] inline(byte[] pathUtf8) {
        byte[] h = new byte[2 + pathUtf8.length];
        h[0] = VERSION;
        h[1] = INLINE;
        System.arraycopy(pathUtf8, 0, h, 2, pathUtf8.length);
        return h;
    }

    static byte[] stored(String path) {
        byte[] h = new byte[2 + HASH];
        h[0] = VERSION;
        h[1] = STORED;
        System.arraycopy(Names.hash128(path), 0, h, 2, HASH);
        return h;
    }

    static byte[] twoHashes(byte kind, String owner, String path) {
        byte[] h = new byte[2 + 2 * HASH];
        h[0] = VERSION;
        h[1] = kind;
        System.arraycopy(Names.hash128(owner), 0, h, 2, HASH);
        System.arraycopy(Names.hash128(path), 0, h, 2 + HASH, HASH);
        return h;
    }

    /** Parses the layout; a reason string when the bytes are not a handle mache issues. */
    static Object decode(byte[] h) {
        if (h == null || h.length < 2) {
            return "handle shorter than 2 bytes";
        }
        if (h.length > 64) {
            return "handle longer than 64 bytes";
        }
        if (h[0] != VERSION) {
            return "unknown handle version " + (h[0] & 0xFF);
        }
        return switch (h[1]) {
            case INLINE -> {
                if (h.length - 2 > MAX_INLINE_PATH) {
                    yield "inline path longer than " + MAX_INLINE_PATH + " bytes";
                }
                Optional<String> path = utf8(Arrays.copyOfRange(h, 2, h.length));
                if (path.isEmpty() || TreePaths.segments(path.get()).isEmpty()) {
                    yield "inline handle holds no valid path";
                }
                yield new Key.Inline(path.get());
            }
            case STORED -> h.length != 2 + HASH ? "stored handle must be 18 bytes"
                    : new Key.Stored(Arrays.copyOfRange(h, 2, 2 + HASH));
            case CONSTRUCT_VIRTUAL -> h.length != 2 + 2 * HASH ? "construct handle must be 34 bytes"
                    : new Key.ConstructVirtual(Arrays.copyOfRange(h, 2, 2 + HASH),
                    Arrays.copyOfRange(h, 2 + HASH, 2 + 2 * HASH));
            case SYMBOL_VIRTUAL -> h.length != 2 + 2 * HASH ? "symbol handle must be 34 bytes"
                    : new Key.SymbolVirtual(Arrays.copyOfRange(h, 2, 2 + HASH),
                    Arrays.copyOfRange(h, 2 + HASH, 2 + 2 * HASH));
            default -> "unknown handle kind " + (h[1] & 0xFF);
        };
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static boolean matches(byte[] hash, String s) {
        return Arrays.equals(hash, Names.hash128(s));
    }
}
