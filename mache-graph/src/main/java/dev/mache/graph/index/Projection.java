package dev.mache.graph.index;

import dev.mache.graph.Names;
import dev.mache.graph.lang.Construct;
import dev.mache.graph.lang.ParsedFile;
import dev.mache.graph.lang.Reference;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Projects one parsed file into rows of the tree (PROJECTION.md §2): {@code files/<repo path>}, the language and
 * namespace directories, and for every construct {@code <parent>/<group>/<name>} (its files are derived from its
 * row when read).
 *
 * <p>Directories shared between files (language, namespace, kind groups at namespace level, containers at
 * namespace level, {@code files/} directories) are listed in {@link FileProjection#sharedDirs} and carry no
 * source file: the writer creates them once and prunes them when they become empty. Everything under a construct
 * belongs to the construct's file. A construct directly in a shared directory claims a <em>shared slot</em> (its
 * unsuffixed path), whose {@code ~N} rank is decided across files by a {@link SlotRanker}; ranks inside a
 * construct are decided within the file.
 */
public final class Projection {
    /** Canonical kinds that own members (the "class" of the same-class resolution tier). */
    static final Set<String> TYPE_KINDS = Set.of("class", "interface", "enum", "record", "annotation", "struct",
            "trait", "impl", "type", "object", "module", "union", "protocol", "namespace");

    /** Decides the rank (0 = bare name, 1 = {@code ~2}, …) of a claim on a shared slot. */
    @FunctionalInterface
    public interface SlotRanker {
        int rank(String slot, String repoPath, int offset);
    }

    /**
     * A row of {@code nodes}; {@code hash} is {@code Names.hash128(id)}, computed on the parsing thread. A
     * construct's row also carries what its three files are derived from (see {@code StoreSchema}): its source
     * slice in {@code srcStart/srcEnd}, its lines, and its file's context slice ({@code ctxStart} -1: the context
     * is stored in {@code _source.context}); other rows have -1 there.
     */
    public record NodeRow(String id, String parentId, String name, boolean dir, long size, long mtime,
                          String recordId, byte[] record, String sourceFile, boolean construct, int srcStart,
                          int srcEnd, String slot, int slotOrder, int lineStart, int lineEnd, int ctxStart,
                          int ctxLen, byte[] hash) {
        public NodeRow(String id, String parentId, String name, boolean dir, long size, long mtime, String recordId,
                       byte[] record, String sourceFile, boolean construct, int srcStart, int srcEnd, String slot,
                       int slotOrder) {
            this(id, parentId, name, dir, size, mtime, recordId, record, sourceFile, construct, srcStart, srcEnd,
                    slot, slotOrder, -1, -1, -1, -1, StoreWriter.hash128(id));
        }
    }

    /** A definition as node_defs stores it; {@code resultType} is the type a function returns, for call chains. */
    public record DefRow(String token, String nodeId, String sourceId, String containerNodeId, String kind,
                         String lang, String namespace, String containerToken, String topToken, String resultType) {

        public DefRow(String token, String nodeId, String sourceId, String containerNodeId, String kind,
                      String lang, String namespace, String containerToken, String topToken) {
            this(token, nodeId, sourceId, containerNodeId, kind, lang, namespace, containerToken, topToken, null);
        }
    }

    /** The sites of one construct referencing one token (see {@link Sites}). */
    public record PendingRef(String nodeId, String token, String classId, List<String> sites) {
    }

    public record SlotClaim(String slot, int offset) {
    }

    public record FileProjection(String repoPath, long mtime, byte[] content, String contentHash, ParsedFile parsed,
                                 List<String> sharedDirs, List<NodeRow> rows, List<DefRow> defs,
                                 List<PendingRef> refs, List<SlotClaim> claims, byte[] context) {
        public String language() {
            return parsed == null ? null : parsed.language();
        }

        public String namespace() {
            return parsed == null ? null : parsed.namespace();
        }

        public List<String> imports() {
            return parsed == null ? List.of() : parsed.imports();
        }
    }

    private Projection() {
    }

    public static String filesPath(String repoPath) {
        StringBuilder sb = new StringBuilder("files");
        for (String seg : repoPath.split("/")) {
            sb.append('/').append(Names.escape(seg));
        }
        return sb.toString();
    }

    static String parentOf(String id) {
        int slash = id.lastIndexOf('/');
        return slash < 0 ? "" : id.substring(0, slash);
    }

    static String lastSegment(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    public static FileProjection project(String repoPath, long mtime, byte[] content, String contentHash,
                                         ParsedFile pf, SlotRanker ranker) {
        List<String> shared = new ArrayList<>();
        List<NodeRow> rows = new ArrayList<>();
        List<DefRow> defs = new ArrayList<>();
        List<SlotClaim> claims = new ArrayList<>();

        String filesId = filesPath(repoPath);
        for (String d = parentOf(filesId); !d.isEmpty(); d = parentOf(d)) {
            shared.add(0, d);
        }
        rows.add(new NodeRow(filesId, parentOf(filesId), lastSegment(filesId), false, content.length, mtime,
                repoPath, null, repoPath, false, 0, content.length, null, 0));
        if (pf == null) {
            return new FileProjection(repoPath, mtime, content, contentHash, null, shared, rows, defs, List.of(),
                    claims, null);
        }
        String langDir = Names.escape(pf.language());
        String nsDir = langDir + "/" + Names.escape(pf.namespace());
        if (!pf.constructs().isEmpty()) {
            // a file without constructs (an __init__.py that only imports) must not make an empty namespace dir
            shared.add(langDir);
            shared.add(nsDir);
        }

        byte[] contextBytes = pf.context() == null ? new byte[0] : pf.context().getBytes(StandardCharsets.UTF_8);
        int contextAt = indexOf(content, contextBytes);
        byte[] contextRecord = contextAt < 0 ? contextBytes : null;

        List<Construct> cs = pf.constructs();
        ConstructPass pass = new ConstructPass(pf, nsDir, repoPath, mtime, content, contextBytes, contextAt, ranker,
                shared, rows, defs, claims);
        for (int i = 0; i < cs.size(); i++) {
            pass.place(i);
        }
        int n = cs.size();
        String[] paths = pass.paths;

        List<PendingRef> pending = pendingRefs(pf.references(), cs, paths);
        return new FileProjection(repoPath, mtime, content, contentHash, pf, dedupe(shared), rows, defs, pending,
                claims, n > 0 ? contextRecord : null);
    }

    /**
     * Places a file's constructs one at a time: the per-construct work in small methods (a loop over every
     * construct of a file in one big method was compiled, on-stack-replaced and recompiled several times).
     */
    private static final class ConstructPass {
        final ParsedFile pf;
        final List<Construct> cs;
        final String nsDir;
        final String repoPath;
        final long mtime;
        final byte[] content;
        final byte[] contextBytes;
        final int contextAt;
        final SlotRanker ranker;
        final List<String> shared;
        final List<NodeRow> rows;
        final List<DefRow> defs;
        final List<SlotClaim> claims;
        final String[] paths;
        /** the construct's own directory is shared (containers only) */
        final boolean[] sharedDir;
        final Set<String> ownedDirs = new HashSet<>();
        final Map<String, Integer> localCounts = new HashMap<>();

        ConstructPass(ParsedFile pf, String nsDir, String repoPath, long mtime, byte[] content, byte[] contextBytes,
                      int contextAt, SlotRanker ranker, List<String> shared, List<NodeRow> rows, List<DefRow> defs,
                      List<SlotClaim> claims) {
            this.pf = pf;
            this.cs = pf.constructs();
            this.nsDir = nsDir;
            this.repoPath = repoPath;
            this.mtime = mtime;
            this.content = content;
            this.contextBytes = contextBytes;
            this.contextAt = contextAt;
            this.ranker = ranker;
            this.shared = shared;
            this.rows = rows;
            this.defs = defs;
            this.claims = claims;
            this.paths = new String[cs.size()];
            this.sharedDir = new boolean[cs.size()];
        }

        void place(int i) {
            Construct c = cs.get(i);
            int p = c.parent();
            if (p >= i || (p >= 0 && paths[p] == null)) {
                p = -1; // malformed parent index: keep the construct at namespace level rather than lose it
            }
            String parentPath = p < 0 ? nsDir : paths[p];
            boolean parentShared = p < 0 || sharedDir[p];
            String groupDir = parentPath + "/" + Names.escape(c.group());
            String slot = groupDir + "/" + Names.escape(c.name());
            dir(groupDir, parentShared);
            if (c.container()) {
                paths[i] = slot;
                sharedDir[i] = parentShared;
                dir(slot, parentShared);
            } else {
                construct(i, c, p, groupDir, slot, parentShared);
            }
        }

        /** A directory shared with other files (created once by the writer) or owned by this one. */
        private void dir(String id, boolean isShared) {
            if (isShared) {
                shared.add(id);
            } else if (ownedDirs.add(id)) {
                rows.add(dirRow(id, mtime, repoPath, false));
            }
        }

        private void construct(int i, Construct c, int p, String groupDir, String slot, boolean parentShared) {
            int rank;
            if (parentShared) {
                rank = ranker.rank(slot, repoPath, c.startByte());
                claims.add(new SlotClaim(slot, c.startByte()));
            } else {
                rank = localCounts.merge(slot, 1, Integer::sum) - 1;
            }
            String base = slot.substring(groupDir.length() + 1);
            String name = rank == 0 ? base : base + "~" + (rank + 1);
            String path = groupDir + "/" + name;
            paths[i] = path;
            constructRows(rows, c, path, groupDir, name, parentShared ? slot : null, content, mtime, repoPath,
                    contextBytes, contextAt);
            defs.add(defRow(i, c, p, path));
        }

        private DefRow defRow(int i, Construct c, int p, String path) {
            int parentConstruct = p >= 0 && !cs.get(p).container() ? p : -1;
            String containerToken = parentConstruct >= 0 ? cs.get(parentConstruct).token() : receiverPrefix(c);
            int top = i;
            for (int a = parentConstruct; a >= 0; a = nonContainerParent(cs, a)) {
                top = a;
            }
            String result = c.resultType();
            if ("Self".equals(result) || "this".equals(result)) {
                result = containerToken; // Rust's -> Self, TypeScript's : this
            }
            return new DefRow(c.token(), path, repoPath, parentConstruct >= 0 ? paths[parentConstruct] : null,
                    c.kind(), pf.language(), pf.namespace(), containerToken, cs.get(top).token(),
                    result == null ? null : result.intern());
        }
    }

    /** A construct's directory, with what its source, location and context files are derived from. */
    private static void constructRows(List<NodeRow> rows, Construct c, String path, String groupDir, String name,
                                      String slot, byte[] content, long mtime, String repoPath, byte[] contextBytes,
                                      int contextAt) {
        int start = Math.clamp(c.startByte(), 0, content.length);
        int end = Math.clamp(c.endByte(), start, content.length);
        rows.add(new NodeRow(path, groupDir, name, true, 0, mtime, null, null, repoPath, true, start, end,
                slot, c.startByte(), c.startLine(), c.endLine(), contextAt, contextBytes.length,
                StoreWriter.hash128(path)));
    }

    /**
     * References grouped by (construct, token) in order of first use: per construct, a map by token (a path
     * never contains NUL, so this is the grouping a "path NUL token" key gives, without building that key).
     */
    private static List<PendingRef> pendingRefs(List<Reference> references, List<Construct> cs, String[] paths) {
        int n = cs.size();
        @SuppressWarnings("unchecked")
        Map<String, PendingRefBuilder>[] byConstruct = new Map[n];
        Map<String, Map<String, PendingRefBuilder>> byPath = new HashMap<>();
        List<PendingRefBuilder> order = new ArrayList<>();
        for (Reference r : references) {
            int ci = r.construct();
            if (ci < 0 || ci >= n || cs.get(ci).container() || paths[ci] == null || r.token().isEmpty()) {
                continue; // a use outside any construct has no directory to list as a caller
            }
            Map<String, PendingRefBuilder> byToken = byConstruct[ci];
            if (byToken == null) {
                byToken = byConstruct[ci] = byPath.computeIfAbsent(paths[ci], k -> new HashMap<>());
            }
            PendingRefBuilder b = byToken.get(r.token());
            if (b == null) {
                b = new PendingRefBuilder(paths[ci], r.token().intern(), classOf(cs, paths, ci));
                byToken.put(r.token(), b);
                order.add(b);
            }
            b.sites.add(siteKey(r).intern());
        }
        List<PendingRef> pending = new ArrayList<>(order.size());
        for (PendingRefBuilder b : order) {
            pending.add(new PendingRef(b.nodeId, b.token, b.classId, List.copyOf(b.sites)));
        }
        return pending;
    }

    private static final class PendingRefBuilder {
        final String nodeId;
        final String token;
        final String classId;
        final LinkedHashSet<String> sites = new LinkedHashSet<>();

        PendingRefBuilder(String nodeId, String token, String classId) {
            this.nodeId = nodeId;
            this.token = token;
            this.classId = classId;
        }
    }

    static String siteKey(Reference r) {
        char k = switch (r.kind()) {
            case CALL -> 'c';
            case NEW -> 'n';
            case TYPE -> 't';
        };
        String receiver = r.receiver().map(s -> s.replace('\n', ' ').strip()).orElse("");
        return Sites.of(k, r.arity(), receiver);
    }

    private static int nonContainerParent(List<Construct> cs, int i) {
        int p = cs.get(i).parent();
        while (p >= 0 && p < i && cs.get(p).container()) {
            p = cs.get(p).parent();
        }
        return p >= 0 && p < i ? p : -1;
    }

    /** The nearest type-like construct enclosing (or being) construct {@code i}, or null. */
    private static String classOf(List<Construct> cs, String[] paths, int i) {
        for (int a = i; a >= 0; a = nonContainerParent(cs, a)) {
            if (TYPE_KINDS.contains(cs.get(a).kind())) {
                return paths[a];
            }
        }
        return null;
    }

    /**
     * Go methods are named {@code Receiver.Name}, C++ out-of-line members {@code Vec::scale(double)}: the
     * qualifier is their container for resolution.
     */
    static String receiverPrefix(Construct c) {
        String name = c.name();
        int paren = name.indexOf('(');
        if (paren > 0) {
            name = name.substring(0, paren);
        }
        for (String sep : new String[]{"::", "."}) {
            String suffix = sep + c.token();
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                String recv = name.substring(0, name.length() - suffix.length()).replace("::", ".");
                int dot = recv.lastIndexOf('.');
                return dot >= 0 ? recv.substring(dot + 1) : recv;
            }
        }
        return null;
    }

    private static NodeRow dirRow(String id, long mtime, String sourceFile, boolean construct) {
        return new NodeRow(id, parentOf(id), lastSegment(id), true, 0, mtime, null, null, sourceFile, construct, -1,
                -1, null, 0);
    }

    private static List<String> dedupe(List<String> dirs) {
        return List.copyOf(new LinkedHashSet<>(dirs));
    }

    static int indexOf(byte[] hay, byte[] needle) {
        if (needle.length == 0) {
            return 0;
        }
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (hay[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
