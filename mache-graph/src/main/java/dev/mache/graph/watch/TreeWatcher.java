package dev.mache.graph.watch;

import dev.mache.graph.index.SourceWalker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches a source tree and hands debounced {@link ChangeBatch batches} of changed paths to a consumer, one at a
 * time on the watcher's own thread (events arriving while the consumer runs make the next batch).
 *
 * <p>With the WatchService every directory is registered (new ones as they appear, and the files already inside a
 * new directory count as changed since they may predate its registration). When a registration fails (inotify
 * limits, a file system without events) or {@link WatchOptions#poll()} asks for it, the tree is walked every
 * {@link WatchOptions#pollInterval()} with the indexer's walker and (mtime, size) compared instead.
 */
public final class TreeWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TreeWatcher.class);

    private final Path root;
    private final WatchOptions options;
    private final Consumer<ChangeBatch> consumer;
    private final IgnoreFilter filter;
    private final Thread thread;
    private final Map<WatchKey, String> keys = new HashMap<>();
    private volatile boolean closed;
    private volatile boolean polling;
    private WatchService service;
    private Map<String, Long> lastScan;
    private long batches;

    private final Set<String> pending = new HashSet<>();
    private boolean pendingRescan;
    private long firstEventNanos;
    private long lastEventNanos;

    private TreeWatcher(Path root, WatchOptions options, Consumer<ChangeBatch> consumer) throws IOException {
        this.root = root.toRealPath();
        this.options = options;
        this.consumer = consumer;
        this.filter = new IgnoreFilter(this.root, options.excluded());
        if (!options.poll()) {
            try {
                service = this.root.getFileSystem().newWatchService();
                registerTree(this.root, "");
            } catch (IOException | UnsupportedOperationException e) {
                LOG.warn("watching {} with the WatchService failed ({}); polling every {} ms instead", this.root,
                        e.toString(), options.pollInterval().toMillis());
                closeService();
            }
        }
        if (service == null) {
            polling = true;
            lastScan = scan();
        }
        this.thread = Thread.ofPlatform().daemon().name("mache-watch").unstarted(this::run);
    }

    /** Starts watching {@code root}; the first batch comes after the first change. */
    public static TreeWatcher start(Path root, WatchOptions options, Consumer<ChangeBatch> consumer)
            throws IOException {
        TreeWatcher w = new TreeWatcher(root, Objects.requireNonNull(options), Objects.requireNonNull(consumer));
        w.thread.start();
        return w;
    }

    /** Whether the stat-polling fallback is in use. */
    public boolean polling() {
        return polling;
    }

    /** Batches delivered so far. */
    public synchronized long batches() {
        return batches;
    }

    @Override
    public void close() {
        closed = true;
        closeService();
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeService() {
        if (service != null) {
            try {
                service.close();
            } catch (IOException ignored) {
                // closing: nothing to report
            }
        }
    }

    // ---- the loop: collect events until the quiet period (or the maximum delay) passes, then deliver

    private void run() {
        while (!closed) {
            try {
                long timeoutNanos;
                if (pending.isEmpty() && !pendingRescan) {
                    timeoutNanos = polling ? options.pollInterval().toNanos() : Long.MAX_VALUE;
                } else {
                    long now = System.nanoTime();
                    long due = Math.min(lastEventNanos + options.quietPeriod().toNanos(),
                            firstEventNanos + options.maxDelay().toNanos());
                    if (due - now <= 0) {
                        deliver();
                        continue;
                    }
                    timeoutNanos = due - now;
                }
                if (polling) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(timeoutNanos, options.pollInterval().toNanos()));
                    pollOnce();
                } else {
                    WatchKey key = timeoutNanos == Long.MAX_VALUE ? service.take()
                            : service.poll(timeoutNanos, TimeUnit.NANOSECONDS);
                    if (key != null) {
                        handle(key);
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                if (!closed) {
                    LOG.warn("the watcher of {} stopped: {}", root, e.toString());
                }
                return;
            } catch (RuntimeException e) {
                LOG.warn("watching {}: {}", root, e.toString());
            }
        }
    }

    private void deliver() {
        ChangeBatch batch = new ChangeBatch(pending, pendingRescan);
        pending.clear();
        pendingRescan = false;
        synchronized (this) {
            batches++;
        }
        try {
            consumer.accept(batch);
        } catch (RuntimeException e) {
            LOG.warn("handling changes of {} failed: {}", root, e.toString());
        }
    }

    private void noted(String repoPath) {
        long now = System.nanoTime();
        if (pending.isEmpty() && !pendingRescan) {
            firstEventNanos = now;
        }
        lastEventNanos = now;
        if (repoPath == null) {
            pendingRescan = true;
        } else {
            pending.add(repoPath);
        }
    }

    // ---- the WatchService

    private void handle(WatchKey key) {
        String dir = keys.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
                noted(null);
                continue;
            }
            String name = event.context().toString();
            String repoPath = dir.isEmpty() ? name : dir + "/" + name;
            Path path = root.resolve(repoPath);
            boolean isDir = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
            if (name.equals(".gitignore")) {
                filter.forget();
            }
            if (filter.ignored(repoPath, isDir)) {
                continue;
            }
            noted(repoPath);
            if (isDir && event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                try {
                    registerTree(path, repoPath);
                } catch (IOException e) {
                    LOG.warn("cannot watch new directory {} ({}); polling the tree from now on", repoPath,
                            e.toString());
                    switchToPolling();
                    return;
                }
            }
        }
        if (!key.reset()) {
            keys.remove(key); // the directory is gone
        }
    }

    /** Registers {@code dir} and the directories below it that the index walks; files found count as changed. */
    private void registerTree(Path dir, String repoDir) throws IOException {
        WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
        keys.put(key, repoDir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path entry : ds) {
                String name = entry.getFileName().toString();
                String repoPath = repoDir.isEmpty() ? name : repoDir + "/" + name;
                boolean isDir = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
                if (filter.ignored(repoPath, isDir)) {
                    continue;
                }
                if (isDir) {
                    registerTree(entry, repoPath);
                } else if (thread != null) { // after start: a new directory's files may predate its watch
                    noted(repoPath);
                }
            }
        } catch (IOException e) {
            if (Files.isDirectory(dir)) {
                throw e;
            } // vanished while being registered: its deletion is an event of its parent
        }
    }

    private void switchToPolling() {
        closeService();
        keys.clear();
        service = null;
        polling = true;
        lastScan = scan();
        noted(null);
    }

    // ---- polling

    private void pollOnce() {
        Map<String, Long> now = scan();
        if (now == null) {
            return;
        }
        for (Map.Entry<String, Long> e : now.entrySet()) {
            if (!e.getValue().equals(lastScan.get(e.getKey()))) {
                noted(e.getKey());
            }
        }
        for (String gone : lastScan.keySet()) {
            if (!now.containsKey(gone)) {
                noted(gone);
            }
        }
        lastScan = now;
    }

    /** Every indexed file's (mtime, size), as one number that changes when either does. */
    private Map<String, Long> scan() {
        try {
            Map<String, Long> out = new HashMap<>();
            for (SourceWalker.WalkedFile f : SourceWalker.walk(root, Long.MAX_VALUE).files()) {
                if (!filter.ignored(f.repoPath(), false)) {
                    out.put(f.repoPath(), f.mtimeNanos() * 31 + f.size());
                }
            }
            return out;
        } catch (IOException e) {
            LOG.warn("polling {}: {}", root, e.toString());
            return lastScan == null ? Map.of() : null;
        }
    }
}
