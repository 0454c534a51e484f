package dev.mache.vfs.nfs;

import java.util.Random;

/** The trees the NFS tests serve. */
final class Fixtures {
    private Fixtures() { }

    static final int BIG_DIR_ENTRIES = 5_000;

    /** Sources, a deep directory, reference symlinks, a 5,000-entry directory and a 3 MB binary file. */
    static MemoryVfs sample() {
        MemoryVfs vfs = new MemoryVfs();
        vfs.file("README.md", "hello from mache\n");
        vfs.file("src/main/App.java", "class App {\n    public static void main(String[] a) { }\n}\n");
        vfs.file("a/b/c/d/e/deep.txt", "deep\n".repeat(1000));
        vfs.file("classes/Foo/source", "class Foo { }\n");
        vfs.file("classes/Bar/source", "class Bar { Foo f; }\n");
        vfs.symlink("classes/Foo/callers/Bar", "../../Bar/source", "classes/Bar/source");
        vfs.symlink("classes/Bar/callees/Foo", "../../Foo/source", "classes/Foo/source");
        vfs.file("dir with space/file name.txt", "spaced\n");
        for (int i = 0; i < BIG_DIR_ENTRIES; i++) {
            vfs.file(String.format("big/f%04d", i), "entry " + i + "\n");
        }
        byte[] blob = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(blob);
        vfs.file("blob.bin", blob);
        return vfs.publish();
    }
}
