package dev.mache.vfs.nfs;

import dev.mache.vfs.Entry;
import dev.mache.vfs.EntryType;
import dev.mache.vfs.HandleLookup;
import dev.mache.vfs.VfsSnapshot;
import dev.mache.vfs.VirtualFileSystem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small in-memory tree for the NFS tests: directories, files, symlinks, and copy-on-write changes that stand in
 * for a hot swap (a snapshot opened before a change keeps seeing the old tree). Handles follow ARCHITECTURE.md §4:
 * a version byte and a hash of the path, so they survive a restart of the server over the same tree.
 */
final class MemoryVfs implements VirtualFileSystem {

    static final long MTIME = 1_700_000_000_123_456_789L;
    private static final byte HANDLE_VERSION = 1;

    private record Node(Entry entry, byte[] content) { }

    private record Tree(Map<String, Node> nodes, Map<String, NavigableMap<String, Entry>> children,
                        Map<String, String> byHash) { }

    private final TreeMap<String, Node> pending = new TreeMap<>();
    private volatile Tree tree;
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    MemoryVfs() {
        pending.put("", new Node(entry("", EntryType.DIRECTORY, 0, Optional.empty(), Optional.empty()), null));
        publish();
    }

    synchronized MemoryVfs dir(String path) {
        ensureParents(path);
        pending.putIfAbsent(path, new Node(entry(path, EntryType.DIRECTORY, 0, Optional.empty(), Optional.empty()),
                null));
        return this;
    }

    synchronized MemoryVfs file(String path, byte[] content) {
        ensureParents(path);
        pending.put(path, new Node(entry(path, EntryType.FILE, content.length, Optional.empty(), Optional.empty()),
                content));
        return this;
    }

    synchronized MemoryVfs file(String path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A symlink whose {@code linkText} is relative to its directory and resolves to {@code target}. */
    synchronized MemoryVfs symlink(String path, String linkText, String target) {
        ensureParents(path);
        pending.put(path, new Node(entry(path, EntryType.SYMLINK, linkText.getBytes(StandardCharsets.UTF_8).length,
                Optional.of(linkText), Optional.of(target)), null));
        return this;
    }

    synchronized MemoryVfs remove(String path) {
        pending.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
        return this;
    }

    /** Makes the changes so far visible to snapshots opened from now on (the "swap"). */
    synchronized MemoryVfs publish() {
        Map<String, Node> nodes = new HashMap<>(pending);
        Map<String, NavigableMap<String, Entry>> children = new HashMap<>();
        Map<String, String> byHash = new HashMap<>();
        for (Node n : nodes.values()) {
            String path = n.entry().path();
            byHash.put(hex(hash(path)), path);
            if (n.entry().isDirectory()) {
                children.computeIfAbsent(path, k -> new TreeMap<>());
            }
            if (!path.isEmpty()) {
                children.computeIfAbsent(parent(path), k -> new TreeMap<>()).put(n.entry().name(), n.entry());
            }
        }
        tree = new Tree(nodes, children, byHash);
        return this;
    }

    /** Number of entries below the root (what {@code nfs-ls -R} prints). */
    int entryCount() {
        return tree.nodes().size() - 1;
    }

    byte[] content(String path) {
        return tree.nodes().get(path).content();
    }

    private void ensureParents(String path) {
        String p = parent(path);
        while (!p.isEmpty() && !pending.containsKey(p)) {
            pending.put(p, new Node(entry(p, EntryType.DIRECTORY, 0, Optional.empty(), Optional.empty()), null));
            p = parent(p);
        }
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static Entry entry(String path, EntryType type, long size, Optional<String> linkText,
                               Optional<String> target) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        long fileId = ByteBuffer.wrap(hash(path)).getLong() & Long.MAX_VALUE;
        return new Entry(path, name, type, size, MTIME, fileId == 0 ? 1 : fileId, linkText, target);
    }

    static byte[] hash(String path) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8)),
                    20);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b));
        }
        return s.toString();
    }

    @Override
    public VfsSnapshot open() {
        opened.incrementAndGet();
        Tree t = tree;
        return new VfsSnapshot() {
            @Override
            public Entry root() {
                return t.nodes().get("").entry();
            }

            @Override
            public Optional<Entry> lookup(String path) {
                return Optional.ofNullable(t.nodes().get(path)).map(Node::entry);
            }

            @Override
            public Optional<Entry> lookup(Entry dir, String name) {
                NavigableMap<String, Entry> c = t.children().get(dir.path());
                return c == null ? Optional.empty() : Optional.ofNullable(c.get(name));
            }

            @Override
            public List<Entry> list(Entry dir) {
                NavigableMap<String, Entry> c = t.children().get(dir.path());
                return c == null ? List.of() : List.copyOf(c.values());
            }

            @Override
            public List<Entry> listAfter(Entry dir, String afterName, int limit) {
                NavigableMap<String, Entry> c = t.children().get(dir.path());
                if (c == null) {
                    return List.of();
                }
                List<Entry> out = new ArrayList<>();
                for (Entry e : (afterName == null ? c : c.tailMap(afterName, false)).values()) {
                    if (out.size() == limit) {
                        break;
                    }
                    out.add(e);
                }
                return out;
            }

            @Override
            public byte[] read(Entry file, long offset, int length) {
                Node n = t.nodes().get(file.path());
                if (n != null && n.entry().type() == EntryType.SYMLINK) {
                    n = t.nodes().get(n.entry().target().orElseThrow());
                }
                if (n == null || n.content() == null || offset >= n.content().length) {
                    return new byte[0];
                }
                int end = (int) Math.min(n.content().length, offset + (long) length);
                return Arrays.copyOfRange(n.content(), (int) offset, end);
            }

            @Override
            public byte[] handle(Entry entry) {
                byte[] h = new byte[22];
                h[0] = HANDLE_VERSION;
                h[1] = 0;
                System.arraycopy(hash(entry.path()), 0, h, 2, 20);
                return h;
            }

            @Override
            public HandleLookup resolve(byte[] handle) {
                if (handle.length != 22 || handle[0] != HANDLE_VERSION || handle[1] != 0) {
                    return new HandleLookup.Bad("not a test handle");
                }
                String path = t.byHash().get(hex(Arrays.copyOfRange(handle, 2, 22)));
                return path == null ? new HandleLookup.Stale() : new HandleLookup.Found(t.nodes().get(path).entry());
            }

            @Override
            public String snapshotRoot() {
                return "0".repeat(64);
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    @Override
    public void close() {
    }
}
