package dev.mache.graph.index;

import dev.mache.graph.Names;
import dev.mache.graph.Node;
import dev.mache.graph.index.Projection.DefRow;
import dev.mache.graph.index.Projection.FileProjection;
import dev.mache.graph.index.Projection.NodeRow;
import dev.mache.graph.index.Projection.PendingRef;
import dev.mache.graph.index.Projection.SlotClaim;
import dev.mache.graph.index.SourceWalker.WalkedFile;
import dev.mache.graph.index.StoreWriter.IndexedFile;
import dev.mache.graph.index.StoreWriter.SlotMember;
import dev.mache.graph.lang.CallArity;
import dev.mache.graph.lang.LanguageSpec;
import dev.mache.graph.lang.Languages;
import dev.mache.graph.lang.ParsedFile;
import dev.mache.graph.lang.SourceFile;
import dev.mache.graph.store.StoreSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Builds and updates a store from a source tree.
 *
 * <p>A new store is bulk-loaded into a temporary file (no journal, indexes created before the load) that is moved
 * into place when complete, so nobody ever opens a half-built store. Files are parsed in parallel and written in
 * path order by this one writer thread; a bounded window of parsed files is in memory at a time. References are
 * resolved once all definitions are known ({@link Resolver}).
 *
 * <p>An existing store is updated incrementally in ONE transaction: files whose (mtime, size) differ from
 * {@code _file_index} are re-read; their old nodes, definitions and references are removed and the new ones
 * inserted; {@code ~N} ranks of shared slots whose membership changed are recomputed (files whose constructs get
 * renamed by that are re-projected too); references elsewhere to tokens defined before or after in changed files
 * are re-resolved; directories left empty are removed; directories whose listing changed get the commit time as
 * mtime; the generation increments and the root is recomputed. An unchanged tree commits nothing.
 */
public final class Indexer {
    private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);
    private static final int BINARY_PROBE = 8192;
    /** An update touching more files than this and over half the tree is done as a rebuild (bounded memory). */
    static int REBUILD_MIN_FILES = 2000;

    private Indexer() {
    }

    public static IndexSummary index(IndexOptions o, IndexProgress p) throws IOException {
        return index(o, p, Languages::forPath);
    }

    /** As {@link #index(IndexOptions, IndexProgress)} with an explicit language lookup (tests use fake languages). */
    public static IndexSummary index(IndexOptions o, IndexProgress p,
                                     Function<String, Optional<LanguageSpec>> languages) throws IOException {
        return index(o, p, languages, Files::readAllBytes);
    }

    /** How file contents are read: a seam for tests of read failures (root reads even mode-000 files). */
    @FunctionalInterface
    interface ContentReader {
        byte[] read(Path file) throws IOException;
    }

    static IndexSummary index(IndexOptions o, IndexProgress p, Function<String, Optional<LanguageSpec>> languages,
                              ContentReader reader) throws IOException {
        return index(o, p, languages, reader, null, Integer.MAX_VALUE);
    }

    /**
     * Indexes the first {@code firstFiles} files of {@code walk} (a walk of {@code o.source()}, in its path order) as
     * if the others were absent: one batch of a first index that commits a growing prefix of the tree, so a server
     * shows it filling in. The left-out files still exist for language rules that ask whether a file exists, so
     * every file projects as it does in a whole index, and once the prefix is the whole walk the store equals a
     * whole index's (references into files of later batches resolve when those batches commit).
     */
    public static IndexSummary index(IndexOptions o, IndexProgress p, SourceWalker.Result walk, int firstFiles)
            throws IOException {
        return index(o, p, Languages::forPath, Files::readAllBytes, walk, firstFiles);
    }

    private static IndexSummary index(IndexOptions o, IndexProgress p,
                                      Function<String, Optional<LanguageSpec>> languages, ContentReader reader,
                                      SourceWalker.Result walked, int firstFiles) throws IOException {
        long t0 = System.nanoTime();
        Path source = o.source().toRealPath();
        SourceWalker.Result walk = walked != null ? walked : SourceWalker.walk(source, o.maxFileBytes());
        Path db = o.db().toAbsolutePath().normalize();
        if (db.getParent() != null) {
            Files.createDirectories(db.getParent());
        }
        Run run = new Run(o, p == null ? IndexProgress.NONE : p, languages, reader, source, walk,
                Math.max(0, firstFiles));
        try {
            IndexSummary s = switch (storeState(db)) {
                case MISSING -> run.fresh(db);
                case OTHER_VERSION -> {
                    LOG.info("{} was written by another mache store schema: rebuilding it", db);
                    deleteStore(db);
                    yield run.fresh(db);
                }
                case CURRENT -> run.incremental(db);
            };
            return new IndexSummary(s.files(), s.parsed(), s.unchanged(), s.deleted(), s.skipped(), s.constructs(),
                    s.references(), Duration.ofNanos(System.nanoTime() - t0));
        } catch (SQLException e) {
            throw new IOException("indexing " + source + " into " + db + " failed: " + e.getMessage(), e);
        } finally {
            run.close();
        }
    }

    private enum StoreState { MISSING, OTHER_VERSION, CURRENT }

    private static StoreState storeState(Path db) throws IOException {
        if (!Files.exists(db)) {
            return StoreState.MISSING;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT value FROM _meta WHERE key = '"
                     + StoreSchema.META_SCHEMA_VERSION + "'")) {
            String v = rs.next() ? rs.getString(1) : null;
            return StoreSchema.SCHEMA_VERSION.equals(v) ? StoreState.CURRENT : StoreState.OTHER_VERSION;
        } catch (SQLException e) {
            throw new IOException(db + " exists but is not a mache store (" + e.getMessage()
                    + "); refusing to overwrite it", e);
        }
    }

    private static void deleteStore(Path db) throws IOException {
        Files.deleteIfExists(db);
        Files.deleteIfExists(db.resolveSibling(db.getFileName() + "-wal"));
        Files.deleteIfExists(db.resolveSibling(db.getFileName() + "-shm"));
    }

    /** One indexing run's state. */
    private static final class Run implements AutoCloseable {
        private final IndexOptions options;
        private final IndexProgress progress;
        private final Function<String, Optional<LanguageSpec>> languages;
        private final ContentReader reader;
        private final Path source;
        private final SourceWalker.Result walk;
        private final Set<String> existing = new HashSet<>();
        private final ExecutorService pool;
        private long skipped;
        private long parsed;
        private long commitTime;
        private StoreWriter w;
        /** Shared directories known to exist in the store. */
        private final Set<String> knownDirs = new HashSet<>();
        /** (parent → names) removed and added in this run, to find directories whose listing changed. */
        private final Map<String, Set<String>> removedNames = new HashMap<>();
        private final Map<String, Set<String>> addedNames = new HashMap<>();
        private boolean trackListings;

        Run(IndexOptions options, IndexProgress progress, Function<String, Optional<LanguageSpec>> languages,
            ContentReader reader, Path source, SourceWalker.Result walk, int firstFiles) {
            this.options = options;
            this.reader = reader;
            this.progress = progress;
            this.languages = languages;
            this.source = source;
            this.walk = firstFiles >= walk.files().size() ? walk
                    : new SourceWalker.Result(walk.files().subList(0, firstFiles), walk.skipped());
            this.skipped = walk.skipped();
            for (WalkedFile f : walk.files()) { // the whole walk: a later batch's file exists already
                existing.add(f.repoPath());
                for (String d = Projection.parentOf(f.repoPath()); !d.isEmpty(); d = Projection.parentOf(d)) {
                    if (!existing.add(d)) {
                        break;
                    }
                }
            }
            this.pool = Executors.newFixedThreadPool(options.threads(), r -> {
                Thread t = new Thread(r, "mache-parse");
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public void close() {
            pool.shutdownNow();
            if (w != null) {
                w.rollbackQuietly();
                try {
                    w.close();
                } catch (SQLException e) {
                    LOG.warn("closing the store writer: {}", e.toString());
                }
                w = null;
            }
        }

        // ---- reading and parsing (worker threads)

        /** Reads, checks and parses one file; null when it must be skipped (the reason is logged). */
        private final java.util.concurrent.atomic.AtomicLong parseNanos = new java.util.concurrent.atomic.AtomicLong();

        private FileProjection load(WalkedFile f) {
            long t0 = System.nanoTime();
            try {
                return loadTimed(f);
            } finally {
                parseNanos.addAndGet(System.nanoTime() - t0);
            }
        }

        private FileProjection loadTimed(WalkedFile f) {
            byte[] content;
            try {
                content = reader.read(f.path());
            } catch (AccessDeniedException e) {
                LOG.warn("skipping {}: permission denied", f.repoPath());
                return null;
            } catch (NoSuchFileException e) {
                LOG.warn("skipping {}: it vanished during the walk", f.repoPath());
                return null;
            } catch (IOException | OutOfMemoryError e) {
                LOG.warn("skipping {}: cannot read it: {}", f.repoPath(), e.toString());
                return null;
            }
            for (int i = 0, n = Math.min(content.length, BINARY_PROBE); i < n; i++) {
                if (content[i] == 0) {
                    LOG.info("skipping {}: binary (a NUL byte in the first 8 KiB)", f.repoPath());
                    return null;
                }
            }
            if (!validUtf8(content)) {
                LOG.warn("{}: not valid UTF-8; indexed byte for byte", f.repoPath());
            }
            return parseAndProject(f.repoPath(), f.mtimeNanos(), content, (slot, file, offset) -> 0);
        }

        private FileProjection parseAndProject(String repoPath, long mtime, byte[] content,
                                               Projection.SlotRanker ranker) {
            ParsedFile pf = null;
            Optional<LanguageSpec> spec = languages.apply(repoPath);
            if (spec.isPresent()) {
                try {
                    pf = spec.get().parse(new SourceFile(repoPath, content, existing::contains));
                    for (String problem : pf.problems()) {
                        LOG.debug("{}: {}", repoPath, problem);
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    LOG.warn("{}: the {} parser failed ({}); indexed as a plain file", repoPath,
                            spec.get().name(), e.toString());
                }
            }
            return Projection.project(repoPath, mtime, content, StoreWriter.sha256Hex(content), pf, ranker);
        }

        private static boolean validUtf8(byte[] content) {
            int i = 0;
            while (i < content.length && content[i] >= 0) {
                i++;
            }
            if (i == content.length) {
                return true; // ASCII, as most sources are: no decoding (it allocates a buffer as big as the file)
            }
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
                return true;
            } catch (CharacterCodingException e) {
                return false;
            }
        }

        // ---- the fresh bulk load

        IndexSummary fresh(Path db) throws SQLException, IOException {
            return fresh(db, false);
        }

        /**
         * Builds a complete store in a temporary file; then either moves it into place (no store yet), or, for an
         * update that touches most of the tree, copies it into the live store in ONE transaction, so readers keep
         * their snapshots and memory stays bounded by the bulk load's window.
         */
        IndexSummary fresh(Path db, boolean replaceLive) throws SQLException, IOException {
            Path tmp = db.resolveSibling(db.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            deleteStore(tmp);
            JitDirectives.applyInBackground();
            commitTime = System.currentTimeMillis() * 1_000_000L;
            w = StoreWriter.createFresh(tmp);
            long tStart = System.nanoTime();
            long cStart = cpuMillis();
            long wStart = writerCpuMillis();
            long waitNanos = 0;
            try {
                w.insertDir("", commitTime);
                knownDirs.add("");
                ensureDir("files");
                Map<String, List<DefRow>> defsByToken = new HashMap<>();
                List<FileRefs> pendingRefs = new ArrayList<>();
                Map<String, Integer> slotCounts = new HashMap<>();
                Set<String> refTokens = new HashSet<>();
                List<WalkedFile> files = walk.files();
                // files parsed ahead of the writer: a deep window keeps both the pool and the writer busy when one
                // of them is slow for a while (a big file, a burst of small ones): on the JDK the load kept 1.82 of
                // 2 cores busy with 16 files in flight, 1.89 with 128
                int window = Math.max(64, options.threads() * 64);
                ArrayDeque<Future<FileProjection>> inFlight = new ArrayDeque<>();
                int next = 0;
                for (int i = 0; i < files.size(); i++) {
                    while (next < files.size() && inFlight.size() < window) {
                        WalkedFile f = files.get(next++);
                        inFlight.add(pool.submit(() -> load(f)));
                    }
                    long tw = System.nanoTime();
                    FileProjection fp = await(inFlight.poll());
                    waitNanos += System.nanoTime() - tw;
                    WalkedFile f = files.get(i);
                    progress.update(i + 1, files.size(), f.repoPath());
                    if (fp == null) {
                        skipped++;
                        continue;
                    }
                    fp = rankStreaming(fp, slotCounts);
                    Map<String, Long> rids = writeFile(fp, f.mtimeNanos(), f.size());
                    parsed++;
                    for (DefRow d : fp.defs()) {
                        defsByToken.computeIfAbsent(d.token(), k -> new ArrayList<>(2)).add(d);
                    }
                    if (!fp.refs().isEmpty()) {
                        // the reference rows go in now, while the pool parses; only their targets wait for
                        // every definition to be known
                        pendingRefs.add(writeRefs(fp, rids, refTokens));
                    }
                }
                long tLoaded = System.nanoTime();
                long cLoaded = cpuMillis();
                long wLoaded = writerCpuMillis();
                Resolver resolver = new Resolver(t -> defsByToken.getOrDefault(t, List.of()));
                // resolution is read-only over the definitions: the pool resolves chunks of files in order,
                // this thread writes the targets
                ArrayDeque<Future<List<TargetRow>>> resolving = new ArrayDeque<>();
                int chunkSize = 64;
                int resolveWindow = Math.max(16, options.threads() * 8);
                int nextChunk = 0;
                while (nextChunk < pendingRefs.size() || !resolving.isEmpty()) {
                    while (nextChunk < pendingRefs.size() && resolving.size() < resolveWindow) {
                        List<FileRefs> chunk = new ArrayList<>(
                                pendingRefs.subList(nextChunk, Math.min(pendingRefs.size(), nextChunk + chunkSize)));
                        for (int k = nextChunk; k < nextChunk + chunk.size(); k++) {
                            pendingRefs.set(k, null); // let resolved files go
                        }
                        nextChunk += chunk.size();
                        resolving.add(pool.submit(() -> resolveChunk(resolver, chunk)));
                    }
                    long tw = System.nanoTime();
                    List<TargetRow> rows = awaitRows(resolving.poll());
                    waitNanos += System.nanoTime() - tw;
                    for (TargetRow r : rows) {
                        w.insertTarget(r.refId(), r.target(), r.qualifier(), r.sites());
                    }
                }
                for (String token : defsByToken.keySet()) {
                    if (!refTokens.contains(token)) {
                        w.insertName(token);
                    }
                }
                long tResolved = System.nanoTime();
                long cResolved = cpuMillis();
                long wResolved = writerCpuMillis();
                // peak RSS: the definitions, references and resolver caches are garbage from here on; collect them
                // so the heap shrinks before SQLite's _names sort takes its memory
                defsByToken.clear();
                pendingRefs.clear();
                refTokens.clear();
                System.gc();
                w.finishBulkLoad();
                long cNames = cpuMillis();
                StoreSchema.createIndexes(w.connection()); // a no-op: createFresh made them (kept for the phase log)
                long tIndexed = System.nanoTime();
                long cIndexed = cpuMillis();
                w.writeCommitMeta(1, commitTime, source.toString());
                w.commit();
                LOG.info("bulk load of {} files: load+write {} ms (writer waited {} ms, parsing took {} ms of"
                                + " thread time), resolve+refs {} ms, indexes {} ms, commit {} ms; process CPU:"
                                + " load+write {} ms, resolve+refs {} ms, names {} ms, indexes {} ms, commit {} ms;"
                                + " writer thread CPU: load+write {} ms, resolve+refs {} ms",
                        files.size(),
                        (tLoaded - tStart) / 1_000_000, waitNanos / 1_000_000, parseNanos.get() / 1_000_000,
                        (tResolved - tLoaded) / 1_000_000, (tIndexed - tResolved) / 1_000_000,
                        (System.nanoTime() - tIndexed) / 1_000_000, cLoaded - cStart, cResolved - cLoaded,
                        cNames - cResolved, cIndexed - cNames, cpuMillis() - cIndexed, wLoaded - wStart,
                        wResolved - wLoaded);
                try (Statement s = w.connection().createStatement()) {
                    w.connection().setAutoCommit(true);
                    s.execute("PRAGMA journal_mode=WAL");
                }
                long constructs = metaLong(StoreSchema.META_CONSTRUCTS);
                long references = metaLong(StoreSchema.META_REFERENCES);
                long filesIndexed = metaLong(StoreSchema.META_FILES);
                w.close();
                w = null;
                if (replaceLive) {
                    copyInto(tmp, db);
                } else {
                    Files.move(tmp, db, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                return new IndexSummary(filesIndexed, parsed, 0, 0, skipped, constructs, references, Duration.ZERO);
            } finally {
                if (w != null) {
                    close();
                }
                deleteStore(tmp);
            }
        }

        /** CPU time of this (the writer) thread so far: SQLite's inserts run on it. */
        private static long writerCpuMillis() {
            return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        }

        /** CPU time of the whole process so far (all threads, SQLite's included), for the phase log. */
        private static long cpuMillis() {
            return java.lang.management.ManagementFactory.getPlatformMXBean(
                    com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime() / 1_000_000;
        }

        /** Every table a bulk load fills (node_defs and node_refs are views of nodes and _refs). */
        private static final List<String> TABLES = List.of("nodes", "_refs", "node_ref_targets", "_source",
                "_file_index", "_names");

        /** Replaces the live store's content with the built one's in one transaction; the generation moves on. */
        private void copyInto(Path built, Path live) throws SQLException {
            try (StoreWriter lw = StoreWriter.openExisting(live)) {
                Connection c = lw.connection();
                long generation = lw.metaLong(StoreSchema.META_GENERATION) + 1;
                long previous = lw.metaLong(StoreSchema.META_COMMITTED_AT);
                c.commit(); // end the driver's open transaction: ATTACH is not allowed inside one
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("ATTACH DATABASE '" + built.toString().replace("'", "''") + "' AS built");
                    try {
                        s.execute("BEGIN IMMEDIATE");
                        for (String t : TABLES) {
                            s.executeUpdate("DELETE FROM main." + t);
                            s.executeUpdate("INSERT INTO main." + t + " SELECT * FROM built." + t);
                        }
                        s.executeUpdate("DELETE FROM main._meta");
                        s.executeUpdate("INSERT INTO main._meta SELECT * FROM built._meta");
                        s.executeUpdate("UPDATE main._meta SET value = '" + generation + "' WHERE key = '"
                                + StoreSchema.META_GENERATION + "'");
                        s.executeUpdate("UPDATE main._meta SET value = CAST(max(CAST(value AS INTEGER), "
                                + (previous + 1) + ") AS TEXT) WHERE key = '" + StoreSchema.META_COMMITTED_AT
                                + "'");
                        s.execute("COMMIT");
                    } catch (SQLException e) {
                        s.execute("ROLLBACK");
                        throw e;
                    } finally {
                        s.execute("DETACH DATABASE built");
                    }
                }
            }
        }

        /** A file's references, stored as rows {@code firstRefId}, {@code firstRefId + 1}, … in list order. */
        private record FileRefs(Resolver.FileCtx ctx, List<PendingRef> refs, long firstRefId) {
        }

        private record TargetRow(long refId, String target, String qualifier, String sites) {
        }

        private static List<TargetRow> resolveChunk(Resolver resolver, List<FileRefs> chunk) {
            List<TargetRow> out = new ArrayList<>();
            for (FileRefs fr : chunk) {
                long refId = fr.firstRefId();
                for (PendingRef r : fr.refs()) {
                    for (Resolver.Resolved res : resolver.resolve(r, fr.ctx())) {
                        if (res.target() != null) {
                            out.add(new TargetRow(refId, res.target(), res.qualifier(), res.sites()));
                        }
                    }
                    refId++;
                }
            }
            return out;
        }

        /**
         * Writes a file's reference rows (what they resolve to comes later), naming each construct by its row id
         * from {@link #writeFile}; returns them with their first id for resolution.
         */
        private FileRefs writeRefs(FileProjection fp, Map<String, Long> rids, Set<String> namedTokens)
                throws SQLException {
            long first = -1;
            List<PendingRef> stored = new ArrayList<>(fp.refs().size());
            for (PendingRef r : fp.refs()) {
                long rid = ridOf(rids, r, fp.repoPath());
                if (rid < 0) {
                    continue;
                }
                long id = w.insertRef(r.token(), rid, Sites.qualifier(r.sites()), Sites.joined(r.sites()));
                stored.add(r);
                if (first < 0) {
                    first = id;
                }
                if (namedTokens.add(r.token())) {
                    w.insertName(r.token());
                }
            }
            return new FileRefs(ctxOf(fp), stored, first);
        }

        private static <T> T awaitRows(Future<T> f) throws IOException {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IOException("resolving references failed: " + e.getCause(), e.getCause());
            }
        }

        private static Resolver.FileCtx ctxOf(FileProjection fp) {
            return new Resolver.FileCtx(fp.repoPath(), fp.language(), fp.namespace(), fp.imports());
        }

        private static FileProjection await(Future<FileProjection> f) throws IOException {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IOException("parsing failed: " + e.getCause(), e.getCause());
            }
        }

        /** Files arrive in path order, so a shared slot's n-th claim is simply its rank. */
        private FileProjection rankStreaming(FileProjection fp, Map<String, Integer> slotCounts) {
            if (fp.claims().isEmpty()) {
                return fp;
            }
            Map<String, Integer> ranks = new HashMap<>();
            boolean allZero = true;
            for (SlotClaim c : fp.claims()) {
                int rank = slotCounts.merge(c.slot(), 1, Integer::sum) - 1;
                ranks.put(c.slot() + "\u0000" + c.offset(), rank);
                allZero &= rank == 0;
            }
            if (allZero) {
                return fp;
            }
            return Projection.project(fp.repoPath(), fp.mtime(), fp.content(), fp.contentHash(), fp.parsed(),
                    (slot, file, offset) -> ranks.getOrDefault(slot + "\u0000" + offset, 0));
        }

        // ---- writing one file

        private void ensureDir(String id) throws SQLException {
            if (knownDirs.contains(id)) {
                return;
            }
            if (trackListings && w.nodeExists(id)) {
                knownDirs.add(id);
                return;
            }
            String parent = Projection.parentOf(id);
            ensureDir(parent);
            w.insertDir(id, commitTime);
            knownDirs.add(id);
            noteAdded(parent, Projection.lastSegment(id));
        }

        private void noteAdded(String parent, String name) {
            if (trackListings) {
                addedNames.computeIfAbsent(parent, k -> new HashSet<>()).add(name);
            }
        }

        /**
         * Writes a file's nodes, each construct with its definition on its row, and its source; returns the row ids
         * of its constructs by node id, which its reference rows name them by.
         */
        private Map<String, Long> writeFile(FileProjection fp, long mtime, long size) throws SQLException {
            for (String d : fp.sharedDirs()) {
                ensureDir(d);
            }
            // the projection gives each construct one definition; a break of that is logged, never fatal
            Map<String, DefRow> defs = HashMap.newHashMap(fp.defs().size());
            for (DefRow d : fp.defs()) {
                if (defs.putIfAbsent(d.nodeId(), d) != null) {
                    LOG.warn("{}: a second definition of {} is not stored", fp.repoPath(), d.nodeId());
                }
            }
            Map<String, Long> rids = HashMap.newHashMap(fp.defs().size());
            for (NodeRow r : fp.rows()) {
                DefRow d = r.construct() ? defs.remove(r.id()) : null;
                long rid = w.insertNode(r, d);
                if (r.construct()) {
                    rids.put(r.id(), rid);
                }
                noteAdded(r.parentId(), r.name());
            }
            if (!defs.isEmpty()) {
                LOG.warn("{}: definitions without a construct are not stored: {}", fp.repoPath(), defs.keySet());
            }
            w.insertSource(fp);
            w.insertFileIndex(fp.repoPath(), mtime, size, fp.contentHash());
            return rids;
        }

        /** The row id of a reference's construct, or -1 (logged) when it is not one of the file's constructs. */
        private static long ridOf(Map<String, Long> rids, PendingRef r, String file) {
            Long rid = rids.get(r.nodeId());
            if (rid == null) {
                LOG.warn("{}: a reference to {} from {}, which is not one of the file's constructs, is not stored",
                        file, r.token(), r.nodeId());
                return -1;
            }
            return rid;
        }

        private void writeResolved(Resolver resolver, PendingRef r, Resolver.FileCtx ctx, Map<String, Long> rids)
                throws SQLException {
            long rid = ridOf(rids, r, ctx.sourceId());
            if (rid < 0) {
                return;
            }
            long refId = w.insertRef(r.token(), rid, Sites.qualifier(r.sites()), Sites.joined(r.sites()));
            writeTargets(refId, resolver.resolve(r, ctx));
        }

        private void writeTargets(long refId, List<Resolver.Resolved> resolved) throws SQLException {
            for (Resolver.Resolved res : resolved) {
                if (res.target() != null) {
                    w.insertTarget(refId, res.target(), res.qualifier(), res.sites());
                }
            }
        }

        // ---- incremental update

        IndexSummary incremental(Path db) throws SQLException, IOException {
            w = StoreWriter.openExisting(db);
            trackListings = true;
            Map<String, IndexedFile> indexed = w.loadFileIndex();
            Map<String, IndexedFile> remaining = new HashMap<>(indexed);
            List<WalkedFile> changed = new ArrayList<>();
            long unchanged = 0;
            for (WalkedFile f : walk.files()) {
                IndexedFile e = remaining.remove(f.repoPath());
                if (e != null && e.mtime() == f.mtimeNanos() && e.size() == f.size()) {
                    unchanged++;
                } else {
                    changed.add(f);
                }
            }
            Set<String> deleted = new TreeSet<>(PathOrder::compare);
            deleted.addAll(remaining.keySet());
            if (changed.isEmpty() && deleted.isEmpty()) {
                LOG.debug("{}: nothing changed ({} files)", source, unchanged);
                return summary(0, unchanged, 0);
            }
            long touched = changed.size() + deleted.size();
            if (touched > REBUILD_MIN_FILES && touched * 2 > walk.files().size()) {
                LOG.info("{} of {} files changed: rebuilding and replacing the store's content in one transaction",
                        touched, walk.files().size());
                long deletedFiles = deleted.size();
                w.rollbackQuietly();
                w.close();
                w = null;
                trackListings = false;
                IndexSummary built = fresh(db, true);
                return new IndexSummary(built.files(), built.parsed(), 0, deletedFiles, built.skipped(),
                        built.constructs(), built.references(), Duration.ZERO);
            }
            // parse the changed files in parallel
            List<Future<FileProjection>> futures = new ArrayList<>();
            for (WalkedFile f : changed) {
                futures.add(pool.submit(() -> load(f)));
            }
            TreeMap<String, FileProjection> projections = new TreeMap<>(PathOrder::compare);
            Map<String, long[]> stats = new HashMap<>();
            for (int i = 0; i < changed.size(); i++) {
                WalkedFile f = changed.get(i);
                FileProjection fp = await(futures.get(i));
                progress.update(i + 1, changed.size(), f.repoPath());
                if (fp == null) {
                    skipped++;
                    if (indexed.containsKey(f.repoPath())) {
                        deleted.add(f.repoPath()); // now binary or unreadable: it leaves the tree
                    }
                    continue;
                }
                projections.put(f.repoPath(), fp);
                stats.put(f.repoPath(), new long[]{f.mtimeNanos(), f.size()});
                parsed++;
            }
            long deletedCount = deleted.stream().filter(indexed::containsKey).count();
            Set<String> affected = new TreeSet<>(PathOrder::compare);
            affected.addAll(projections.keySet());
            affected.addAll(deleted);

            Map<String, Integer> ranks = closeOverSlots(affected, projections, indexed, stats);
            commitTime = Math.max(System.currentTimeMillis() * 1_000_000L,
                    Long.parseLong(Optional.ofNullable(w.meta(StoreSchema.META_COMMITTED_AT)).orElse("0")) + 1);

            // remove the old state of every affected file
            Map<String, List<DefRow>> oldDefs = new HashMap<>();
            Map<String, List<DefRow>> newDefs = new HashMap<>();
            Map<String, Map<String, Long>> fileRids = new HashMap<>();
            Set<String> pruneCandidates = new HashSet<>();
            for (String f : affected) {
                removeFile(f, oldDefs, pruneCandidates);
            }
            // insert the new state
            for (Map.Entry<String, FileProjection> e : projections.entrySet()) {
                String f = e.getKey();
                FileProjection fp = e.getValue();
                if (!fp.claims().isEmpty()) {
                    fp = Projection.project(fp.repoPath(), fp.mtime(), fp.content(), fp.contentHash(), fp.parsed(),
                            (slot, file, offset) -> ranks.getOrDefault(slotKey(slot, file, offset), 0));
                    e.setValue(fp);
                }
                long[] st = stats.get(f);
                fileRids.put(f, writeFile(fp, st[0], st[1]));
                for (DefRow d : fp.defs()) {
                    newDefs.computeIfAbsent(d.token(), k -> new ArrayList<>()).add(d);
                    w.insertName(d.token());
                }
            }
            // resolution of a token depends only on its definitions: where they are the same as before (an edit
            // inside bodies), no reference elsewhere can resolve differently
            Set<String> tokens = new TreeSet<>();
            for (String t : unionKeys(oldDefs.keySet(), newDefs.keySet())) {
                if (!sameDefs(oldDefs.get(t), newDefs.get(t))) {
                    tokens.add(t);
                }
            }
            // re-resolve other files' references to tokens whose definitions changed, then the new references
            Resolver resolver = new Resolver(new DbDefs());
            Map<String, Resolver.FileCtx> ctxCache = new HashMap<>();
            for (String token : tokens) {
                reresolve(resolver, token, ctxCache);
            }
            for (FileProjection fp : projections.values()) {
                Resolver.FileCtx ctx = ctxOf(fp);
                Map<String, Long> rids = fileRids.get(fp.repoPath());
                for (PendingRef r : fp.refs()) {
                    writeResolved(resolver, r, ctx, rids);
                    w.insertName(r.token());
                }
            }
            prune(pruneCandidates);
            bumpChangedListings();
            long generation = Long.parseLong(Optional.ofNullable(w.meta(StoreSchema.META_GENERATION)).orElse("0")) + 1;
            w.writeCommitMeta(generation, commitTime, source.toString());
            w.commit();
            LOG.info("update {}: {} files changed, {} deleted, {} re-projected for ~N ranks, {} tokens re-resolved",
                    generation, parsed, deletedCount, affected.size() - parsed - deleted.size(), tokens.size());
            return summary(parsed, unchanged, deletedCount);
        }

        private static Set<String> unionKeys(Set<String> a, Set<String> b) {
            Set<String> out = new HashSet<>(a);
            out.addAll(b);
            return out;
        }

        /** Counts come from {@code _meta} (written at every commit): counting rows would read whole indexes. */
        private IndexSummary summary(long parsedFiles, long unchanged, long deleted) throws SQLException {
            return new IndexSummary(metaLong(StoreSchema.META_FILES), parsedFiles, unchanged, deleted, skipped,
                    metaLong(StoreSchema.META_CONSTRUCTS), metaLong(StoreSchema.META_REFERENCES), Duration.ZERO);
        }

        private long metaLong(String key) throws SQLException {
            return w.metaLong(key);
        }

        private static String slotKey(String slot, String file, int offset) {
            return slot + "\u0000" + file + "\u0000" + offset;
        }

        /**
         * Decides the ranks of every shared slot touched by the affected files. A file outside the set whose
         * construct would be renamed by the new ranks joins the set (it is re-projected from its stored source),
         * until nothing changes.
         */
        private Map<String, Integer> closeOverSlots(Set<String> affected, TreeMap<String, FileProjection> projections,
                                                   Map<String, IndexedFile> indexed, Map<String, long[]> stats)
                throws SQLException {
            Map<String, Integer> ranks = new HashMap<>();
            ArrayDeque<String> todo = new ArrayDeque<>(affected);
            Set<String> touched = new LinkedHashSet<>();
            while (true) {
                while (!todo.isEmpty()) {
                    String f = todo.poll();
                    touched.addAll(w.slotsOf(f));
                    FileProjection fp = projections.get(f);
                    if (fp != null) {
                        for (SlotClaim c : fp.claims()) {
                            touched.add(c.slot());
                        }
                    }
                }
                ranks.clear();
                Map<String, List<SlotClaim>> newClaims = new HashMap<>();
                for (FileProjection fp : projections.values()) {
                    for (SlotClaim c : fp.claims()) {
                        newClaims.computeIfAbsent(c.slot(), k -> new ArrayList<>()).add(
                                new SlotClaim(fp.repoPath(), c.offset()));
                    }
                }
                for (String slot : touched) {
                    List<SlotMember> members = new ArrayList<>();
                    for (SlotMember m : w.slotMembers(slot)) {
                        if (!affected.contains(m.file())) {
                            members.add(m);
                        }
                    }
                    for (SlotClaim c : newClaims.getOrDefault(slot, List.of())) {
                        members.add(new SlotMember(c.slot(), c.offset(), null));
                    }
                    members.sort(Comparator.comparing(SlotMember::file, PathOrder::compare)
                            .thenComparingInt(SlotMember::offset));
                    String base = Projection.lastSegment(slot);
                    for (int r = 0; r < members.size(); r++) {
                        SlotMember m = members.get(r);
                        ranks.put(slotKey(slot, m.file(), m.offset()), r);
                        String expected = r == 0 ? base : base + "~" + (r + 1);
                        if (m.name() != null && !m.name().equals(expected) && affected.add(m.file())) {
                            LOG.debug("{}: re-projected because {} is now {}", m.file(), m.name(), expected);
                            todo.add(m.file());
                            byte[] content = w.sourceContent(m.file());
                            IndexedFile e = indexed.get(m.file());
                            FileProjection fp = parseAndProject(m.file(), e.mtime(), content, (s, fl, o) -> 0);
                            projections.put(m.file(), fp);
                            stats.put(m.file(), new long[]{e.mtime(), e.size()});
                        }
                    }
                }
                if (todo.isEmpty()) {
                    return ranks;
                }
            }
        }

        private static boolean sameDefs(List<DefRow> a, List<DefRow> b) {
            if (a == null || b == null) {
                return a == b;
            }
            if (a.size() != b.size()) {
                return false;
            }
            Comparator<DefRow> byNode = Comparator.comparing(DefRow::nodeId);
            List<DefRow> x = new ArrayList<>(a);
            List<DefRow> y = new ArrayList<>(b);
            x.sort(byNode);
            y.sort(byNode);
            return x.equals(y);
        }

        private void removeFile(String f, Map<String, List<DefRow>> oldDefs, Set<String> pruneCandidates)
                throws SQLException {
            PreparedStatement q = w.ps("SELECT parent_id, name, construct FROM nodes WHERE source_file = ?");
            q.setString(1, f);
            long derivedFiles = 0;
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String parent = rs.getString(1);
                    removedNames.computeIfAbsent(parent, k -> new HashSet<>()).add(rs.getString(2));
                    pruneCandidates.add(parent);
                    if (rs.getInt(3) != 0) {
                        derivedFiles += Node.CONSTRUCT_FILES.size();
                    }
                }
            }
            w.nodesDelta -= derivedFiles;
            // a file's definitions are on its construct rows (found through nodes_source_file) and go with them;
            // its reference rows name those rows (refs_construct)
            PreparedStatement t = w.ps("SELECT " + DEF_COLUMNS + " FROM node_defs WHERE source_id = ?");
            t.setString(1, f);
            try (ResultSet rs = t.executeQuery()) {
                while (rs.next()) {
                    DefRow d = defRow(rs);
                    oldDefs.computeIfAbsent(d.token(), k -> new ArrayList<>()).add(d);
                    w.defsDelta--;
                }
            }
            delete("DELETE FROM node_ref_targets WHERE ref_id IN (SELECT ref_id FROM _refs WHERE construct IN "
                    + CONSTRUCTS_OF + ")", f);
            w.refsDelta -= delete("DELETE FROM _refs WHERE construct IN " + CONSTRUCTS_OF, f);
            w.nodesDelta -= delete("DELETE FROM nodes WHERE source_file = ?", f);
            delete("DELETE FROM _source WHERE id = ?", f);
            w.filesDelta -= delete("DELETE FROM _file_index WHERE path = ?", f);
        }

        /** The construct directories of the file bound to the statement's one parameter. */
        private static final String CONSTRUCTS_OF = "(SELECT rid FROM nodes WHERE source_file = ? AND construct = 1)";

        private int delete(String sql, String key) throws SQLException {
            PreparedStatement d = w.ps(sql);
            d.setString(1, key);
            return d.executeUpdate();
        }

        private static final String DEF_COLUMNS = "token, node_id, source_id, container_node_id, canonical_kind,"
                + " lang, namespace, container_token, top_token, result_type";

        private static DefRow defRow(ResultSet rs) throws SQLException {
            return new DefRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
        }

        /** Definitions by token straight from the store (it already holds this transaction's changes). */
        private final class DbDefs implements Resolver.DefSource {
            private final Map<String, List<DefRow>> cache = new HashMap<>();

            @Override
            public List<DefRow> byToken(String token) {
                List<DefRow> hit = cache.get(token);
                if (hit != null) {
                    return hit;
                }
                try {
                    PreparedStatement ps = w.ps("SELECT " + DEF_COLUMNS + " FROM node_defs WHERE token = ?");
                    ps.setString(1, token);
                    List<DefRow> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(defRow(rs));
                        }
                    }
                    cache.put(token, out);
                    return out;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        /**
         * Re-resolves the stored references to {@code token}, rewriting only the constructs whose targets change.
         */
        private void reresolve(Resolver resolver, String token, Map<String, Resolver.FileCtx> ctxCache)
                throws SQLException {
            PreparedStatement q = w.ps("SELECT ref_id, node_id, source_id, sites FROM node_refs WHERE token = ?");
            q.setString(1, token);
            record Stored(long refId, String nodeId, String sourceId, List<String> sites) {
            }
            List<Stored> rows = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String sites = rs.getString(4);
                    rows.add(new Stored(rs.getLong(1), rs.getString(2), rs.getString(3),
                            List.of((sites == null ? Sites.of('c', CallArity.UNKNOWN, "") : sites).split("\n", -1))));
                }
            }
            PreparedStatement t = w.ps("SELECT target_id, qualifier, sites FROM node_ref_targets WHERE ref_id = ?");
            PreparedStatement d = w.ps("DELETE FROM node_ref_targets WHERE ref_id = ?");
            for (Stored st : rows) {
                Set<Resolver.Resolved> before = new HashSet<>();
                t.setLong(1, st.refId());
                try (ResultSet rs = t.executeQuery()) {
                    while (rs.next()) {
                        before.add(new Resolver.Resolved(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
                boolean needsClass = st.sites().stream().anyMatch(x -> Sites.receiver(x).isEmpty()
                        || Sites.kind(x) == 'c' && Resolver.SELF_RECEIVERS.contains(Sites.receiver(x)));
                PendingRef r = new PendingRef(st.nodeId(), token, needsClass ? classIdOf(st.nodeId()) : null,
                        st.sites());
                List<Resolver.Resolved> fresh = resolver.resolve(r,
                        ctxCache.computeIfAbsent(st.sourceId(), this::storedCtx));
                Set<Resolver.Resolved> after = new HashSet<>();
                for (Resolver.Resolved res : fresh) {
                    if (res.target() != null) {
                        after.add(res);
                    }
                }
                if (after.equals(before)) {
                    continue;
                }
                d.setLong(1, st.refId());
                d.executeUpdate();
                writeTargets(st.refId(), fresh);
            }
        }

        private final Map<String, Optional<String>> classIds = new HashMap<>();

        /** The nearest type-like construct enclosing (or being) a construct, from the stored definitions. */
        private String classIdOf(String nodeId) {
            Optional<String> known = classIds.get(nodeId);
            if (known != null) {
                return known.orElse(null);
            }
            String result = null;
            try {
                PreparedStatement ps = w.ps("SELECT canonical_kind, container_node_id FROM node_defs WHERE node_id = ?");
                for (String id = nodeId; id != null; ) {
                    ps.setString(1, id);
                    String kind;
                    String container;
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            break;
                        }
                        kind = rs.getString(1);
                        container = rs.getString(2);
                    }
                    if (Projection.TYPE_KINDS.contains(kind)) {
                        result = id;
                        break;
                    }
                    id = container;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            classIds.put(nodeId, Optional.ofNullable(result));
            return result;
        }

        private Resolver.FileCtx storedCtx(String sourceId) {
            try {
                PreparedStatement ps = w.ps("SELECT language, namespace, imports FROM _source WHERE id = ?");
                ps.setString(1, sourceId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new Resolver.FileCtx(sourceId, null, null, List.of());
                    }
                    String imports = rs.getString(3);
                    return new Resolver.FileCtx(sourceId, rs.getString(1), rs.getString(2),
                            imports == null || imports.isEmpty() ? List.of() : List.of(imports.split("\n")));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Removes shared directories left empty, deepest first; language and namespace dirs stay while files do. */
        private void prune(Set<String> candidates) throws SQLException {
            TreeSet<String> queue = new TreeSet<>(Comparator.comparingInt((String s) -> depth(s)).reversed()
                    .thenComparing(PathOrder::compare));
            queue.addAll(candidates);
            while (!queue.isEmpty()) {
                String id = queue.pollFirst();
                if (id.isEmpty() || id.equals("files") || !isEmptySharedDir(id) || stillOwned(id)) {
                    continue;
                }
                w.nodesDelta -= delete("DELETE FROM nodes WHERE id = ?", id);
                knownDirs.remove(id);
                String parent = Projection.parentOf(id);
                removedNames.computeIfAbsent(parent, k -> new HashSet<>()).add(Projection.lastSegment(id));
                queue.add(parent);
            }
        }

        private static int depth(String id) {
            if (id.isEmpty()) {
                return 0;
            }
            int n = 1;
            for (int i = 0; i < id.length(); i++) {
                if (id.charAt(i) == '/') {
                    n++;
                }
            }
            return n;
        }

        private boolean isEmptySharedDir(String id) throws SQLException {
            PreparedStatement q = w.ps("SELECT kind, source_file FROM nodes WHERE id = ?");
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next() || rs.getInt(1) != 1 || rs.getString(2) != null) {
                    return false;
                }
            }
            PreparedStatement c = w.ps("SELECT 1 FROM nodes WHERE parent_id = ? AND name > '' LIMIT 1");
            c.setString(1, id);
            try (ResultSet rs = c.executeQuery()) {
                return !rs.next();
            }
        }

        /** A language directory while a file of it exists; a namespace directory while a file declares it. */
        private boolean stillOwned(String id) throws SQLException {
            int d = depth(id);
            if (d == 1) {
                PreparedStatement q = w.ps("SELECT 1 FROM _source WHERE language = ? LIMIT 1");
                q.setString(1, Names.unescape(id));
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next();
                }
            }
            if (d == 2 && !id.startsWith("files/")) {
                PreparedStatement q = w.ps("SELECT 1 FROM _source WHERE language = ? AND namespace = ? LIMIT 1");
                q.setString(1, Names.unescape(Projection.parentOf(id)));
                q.setString(2, Names.unescape(Projection.lastSegment(id)));
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next();
                }
            }
            return false;
        }

        /** Directories that survive the update but list other names now get the commit time as mtime. */
        private void bumpChangedListings() throws SQLException {
            Set<String> parents = new HashSet<>(removedNames.keySet());
            parents.addAll(addedNames.keySet());
            PreparedStatement u = w.ps("UPDATE nodes SET mtime = ? WHERE id = ? AND kind = 1 AND mtime < ?");
            for (String p : parents) {
                Set<String> before = removedNames.getOrDefault(p, Set.of());
                Set<String> after = addedNames.getOrDefault(p, Set.of());
                if (before.equals(after)) {
                    continue;
                }
                u.setLong(1, commitTime);
                u.setString(2, p);
                u.setLong(3, commitTime);
                u.executeUpdate();
            }
        }
    }
}
