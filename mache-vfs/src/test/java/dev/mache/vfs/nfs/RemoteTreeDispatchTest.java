package dev.mache.vfs.nfs;

import dev.mache.vfs.VfsSnapshot;
import dev.mache.vfs.VirtualFileSystem;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tree read over a socket (a daemon frontend: {@link VirtualFileSystem#inProcess()} false) is never read on the
 * NFS selector threads, where a stalled daemon would hold up every connection; an in-process tree is, for speed.
 * Checked with libnfs's nfs-ls, by the names of the threads that open snapshots.
 */
class RemoteTreeDispatchTest {

    /** The sample tree, remembering which threads opened snapshots of it. */
    private static final class Watched implements VirtualFileSystem {
        final VirtualFileSystem tree = Fixtures.sample();
        final boolean inProcess;
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        Watched(boolean inProcess) {
            this.inProcess = inProcess;
        }

        @Override
        public VfsSnapshot open() {
            threads.add(Thread.currentThread().getName());
            return tree.open();
        }

        @Override
        public boolean inProcess() {
            return inProcess;
        }

        @Override
        public void close() {
            tree.close();
        }

        boolean anyOnSelector() {
            return threads.stream().anyMatch(t -> t.startsWith("mache-nfs-selector"));
        }
    }

    private static String listing(Watched vfs) {
        try (NfsServer server = NfsServer.start(vfs, new InetSocketAddress("127.0.0.1", 0))) {
            Tools.Result r = Tools.run("nfs-ls", "-R", "nfs://127.0.0.1/?version=3&nfsport=" + server.port()
                    + "&mountport=" + server.port());
            assertEquals(0, r.exit(), r.stderr());
            return r.out();
        }
    }

    @Test
    void onlyAnInProcessTreeIsReadOnTheSelectorThreads() {
        Tools.require("nfs-ls");
        Watched local = new Watched(true);
        Watched remote = new Watched(false);
        String expected = listing(local);
        assertEquals(expected, listing(remote));
        assertTrue(expected.lines().count() > 10, expected);
        assertTrue(local.anyOnSelector(), "in process: small calls answered inline, " + local.threads);
        assertFalse(remote.anyOnSelector(), "over a socket: every call on the pool, " + remote.threads);
    }
}
