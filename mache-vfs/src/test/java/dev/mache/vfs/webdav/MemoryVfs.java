package dev.mache.vfs.webdav;

import dev.mache.vfs.Entry;
import dev.mache.vfs.EntryType;
import dev.mache.vfs.HandleLookup;
import dev.mache.vfs.VfsSnapshot;
import dev.mache.vfs.VirtualFileSystem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A small in-memory tree for tests: directories, files, and symlinks with absolute targets. */
final class MemoryVfs implements VirtualFileSystem {

    static final Comparator<String> BYTEWISE = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, byte[]> contents = new HashMap<>();
    private final Map<String, TreeMap<String, Entry>> children = new HashMap<>();
    private final long mtimeNanos;

    MemoryVfs(long mtimeNanos) {
        this.mtimeNanos = mtimeNanos;
        Entry root = new Entry("", "", EntryType.DIRECTORY, 0, mtimeNanos, 1, Optional.empty(), Optional.empty());
        entries.put("", root);
        children.put("", new TreeMap<>(BYTEWISE));
    }

    MemoryVfs dir(String path) {
        if (entries.containsKey(path)) {
            return this;
        }
        dir(parent(path));
        add(new Entry(path, name(path), EntryType.DIRECTORY, 0, mtimeNanos, id(path), Optional.empty(),
                Optional.empty()));
        children.put(path, new TreeMap<>(BYTEWISE));
        return this;
    }

    MemoryVfs file(String path, String text) {
        return file(path, text.getBytes(StandardCharsets.UTF_8));
    }

    MemoryVfs file(String path, byte[] bytes) {
        dir(parent(path));
        add(new Entry(path, name(path), EntryType.FILE, bytes.length, mtimeNanos, id(path), Optional.empty(),
                Optional.empty()));
        contents.put(path, bytes);
        return this;
    }

    /** A symlink at {@code path} to the absolute tree path {@code target}. */
    MemoryVfs symlink(String path, String target) {
        dir(parent(path));
        String link = "/" + target; // the link text's exact form does not matter to WebDAV
        add(new Entry(path, name(path), EntryType.SYMLINK, link.length(), mtimeNanos, id(path),
                Optional.of(link), Optional.of(target)));
        return this;
    }

    byte[] bytes(String path) {
        Entry e = entries.get(path);
        return e.type() == EntryType.SYMLINK ? contents.get(e.target().orElseThrow()) : contents.get(path);
    }

    int count() {
        return entries.size();
    }

    List<Entry> all() {
        return List.copyOf(entries.values());
    }

    private void add(Entry e) {
        entries.put(e.path(), e);
        children.get(parent(e.path())).put(e.name(), e);
    }

    private static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? "" : path.substring(0, i);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static long id(String path) {
        return (path.hashCode() & 0xffffffffL) + 2;
    }

    @Override
    public VfsSnapshot open() {
        return new VfsSnapshot() {
            @Override
            public Entry root() {
                return entries.get("");
            }

            @Override
            public Optional<Entry> lookup(String path) {
                return Optional.ofNullable(entries.get(path));
            }

            @Override
            public Optional<Entry> lookup(Entry dir, String name) {
                TreeMap<String, Entry> c = children.get(dir.path());
                return c == null ? Optional.empty() : Optional.ofNullable(c.get(name));
            }

            @Override
            public List<Entry> list(Entry dir) {
                TreeMap<String, Entry> c = children.get(dir.path());
                return c == null ? List.of() : List.copyOf(c.values());
            }

            @Override
            public List<Entry> listAfter(Entry dir, String afterName, int limit) {
                TreeMap<String, Entry> c = children.get(dir.path());
                if (c == null) {
                    return List.of();
                }
                var tail = afterName == null ? c : c.tailMap(afterName, false);
                List<Entry> out = new ArrayList<>(Math.min(limit, tail.size()));
                for (Entry e : tail.values()) {
                    if (out.size() == limit) {
                        break;
                    }
                    out.add(e);
                }
                return out;
            }

            @Override
            public byte[] read(Entry file, long offset, int length) {
                byte[] b = bytes(file.path());
                if (b == null || offset >= b.length) {
                    return new byte[0];
                }
                return Arrays.copyOfRange(b, (int) offset, (int) Math.min(b.length, offset + length));
            }

            @Override
            public byte[] handle(Entry entry) {
                return entry.path().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public HandleLookup resolve(byte[] handle) {
                Entry e = entries.get(new String(handle, StandardCharsets.UTF_8));
                return e == null ? new HandleLookup.Stale() : new HandleLookup.Found(e);
            }

            @Override
            public String snapshotRoot() {
                return "0".repeat(64);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
    }

    /** The fixture every WebDAV test serves. */
    static MemoryVfs fixture() {
        long mtime = 1_700_000_000_000_000_000L; // 2023-11-14T22:13:20Z
        MemoryVfs v = new MemoryVfs(mtime);
        String add = """
                /** Appends an element. */
                public boolean add(E e) {
                    return true;
                }
                """;
        String size = """
                public int size() {
                    return n;
                }
                """;
        v.file("README.txt", "mache test tree\n");
        v.file("java/java.util/classes/ArrayList/source", "public class ArrayList<E> {\n    int n;\n}\n");
        v.file("java/java.util/classes/ArrayList/location", "src/java/util/ArrayList.java:3:40\n");
        v.file("java/java.util/classes/ArrayList/context", "package java.util;\n");
        v.dir("java/java.util/classes/ArrayList/callers");
        v.dir("java/java.util/classes/ArrayList/callees");
        String m = "java/java.util/classes/ArrayList/methods/";
        v.file(m + "add(E)/source", add);
        v.file(m + "add(E)/location", "src/java/util/ArrayList.java:10:13\n");
        v.file(m + "add(E)/context", "package java.util;\n");
        v.dir(m + "add(E)/callees");
        v.symlink(m + "add(E)/callers/java.util.ArrayList.size()", m + "size()/source");
        v.file(m + "size()/source", size);
        v.file(m + "size()/location", "src/java/util/ArrayList.java:20:22\n");
        v.file(m + "size()/context", "package java.util;\n");
        v.dir(m + "size()/callers");
        v.symlink(m + "size()/callees/java.util.ArrayList.add(E)", m + "add(E)/source");
        v.symlink("defs/add/java.util.ArrayList.add(E)", m + "add(E)/source");
        v.symlink("callers/size/java.util.ArrayList.add(E)", m + "add(E)/source");
        v.file("files/src/java/util/ArrayList.java", "// ArrayList\n".repeat(200));
        v.file("files/docs/Ünïcødé ファイル.txt", "grüße\n");
        v.file("files/docs/weird name & <x> 100%25.txt", "odd\n");
        v.file("files/docs/a+b;c=d#e?f.txt", "punct\n");
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        v.file("files/big.txt", big);
        for (int i = 0; i < 5000; i++) {
            v.file(String.format("files/many/f%04d.txt", i), "file " + i + "\n");
        }
        return v;
    }
}
