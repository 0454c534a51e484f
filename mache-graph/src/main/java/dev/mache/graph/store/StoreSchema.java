package dev.mache.graph.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The snapshot store's tables: the ley-line contract ({@code nodes}, {@code node_defs}, {@code node_refs},
 * {@code _source}, {@code _file_index}, {@code _meta}) plus mache's extra columns and {@code _names}.
 *
 * <p>{@code node_defs} and {@code node_refs} are views with the contract's columns, so another tool reads them as
 * tables; mache stores them more compactly (on the JDK they were 406 MB of a 1.09 GB store, with their indexes,
 * and half of a bulk load's writing):
 * <ul>
 *   <li>Every definition belongs to exactly one construct, so it lives on the construct's {@code nodes} row
 *       ({@code def_token}, {@code def_container}, {@code def_kind}, ...); {@code node_defs} selects the rows with
 *       a {@code def_token}.</li>
 *   <li>Reference rows are {@code _refs(ref_id, token, construct, qualifier, sites)}, naming their construct by
 *       its row's {@code nodes.rid} (an integer, numbered in insertion order) instead of repeating its path and
 *       its file's; {@code node_refs} joins them with {@code nodes}. A construct's rows are always replaced with
 *       it (they belong to its file), so a rid never dangles.</li>
 * </ul>
 *
 * <p>Extras, which ley-line consumers ignore:
 * <ul>
 *   <li>{@code nodes.construct} (1 for a construct's directory), {@code src_start/src_end} (the byte slice of
 *       {@code _source.content} named by {@code record_id} that a file's bytes are; {@code record} is NULL then),
 *       {@code slot}/{@code slot_order} (the unsuffixed path a construct directory claims and its byte offset:
 *       {@code ~N} ranks are recomputed from them when membership changes).</li>
 *   <li>A construct's {@code source}, {@code location} and {@code context} files are not rows: they are derived
 *       from its directory's row, like its {@code callers/} and {@code callees/} (three rows per construct were
 *       70% of {@code nodes} and a quarter of a full index's time). On a construct's row, {@code src_start/src_end}
 *       are its slice of {@code _source.content} ({@code source}), {@code line_start/line_end} its 1-based lines
 *       ({@code location} is {@code "<source_file>:<line_start>:<line_end>\n"}), {@code ctx_start/ctx_len} the
 *       slice of the content that is its file's context ({@code ctx_start} NULL: the text is
 *       {@code _source.context}), and {@code leaf_mtime} the three files' mtime (the source file's, while
 *       {@code mtime} moves when the directory's listing changes).</li>
 *   <li>{@code node_defs.lang/namespace/container_token/top_token/result_type}: what reference resolution needs
 *       ({@code result_type}: the simple name of the type a function returns, so call chains resolve).</li>
 *   <li>{@code node_refs} has one row per (construct, token) and {@code node_refs.sites} lists its reference
 *       sites, one per line, each a kind letter ({@code c} call, {@code n} new, {@code t} type use), an arity
 *       letter ({@code ?} or {@code '0'} + the number of arguments) and the receiver text (empty for a bare use),
 *       so rows can be re-resolved when definitions elsewhere change; {@code qualifier} is the first site's
 *       receiver (NULL for a bare use); {@code ref_id} is the row's stable integer key.</li>
 *   <li>{@code node_ref_targets(ref_id, target_id, qualifier, sites)}: what a reference resolved to, one row per
 *       (reference row, target construct) with the sites that led there; callers and callees are derived from it.
 *       A reference that resolves nowhere (a library call, a type use) has none. Kept apart from {@code node_refs}
 *       so a bulk load writes the references while files are still being parsed, and only these rows once every
 *       definition is known.</li>
 *   <li>{@code _source.context}: a file's context text when it is not a slice of its content, stored once per
 *       file.</li>
 *   <li>{@code nodes.hash}: the first 8 bytes of {@code Names.hash128} of the node id as a signed big-endian
 *       integer ({@link #hashKey}; indexed, for {@code unhash} of file handles, which checks the full hash: an
 *       8-byte key sorts in about half the time of a 16-byte blob when the index is built); {@code _source.namespace/imports/mtime}; {@code _names(hash, name)}: {@code Names.hash128} of
 *       every def/ref token (append-only; stale rows are allowed). Node ids are not repeated in {@code _names}:
 *       the ids are in {@code nodes} already, and a second copy of 1.4 M paths cost ~170 MB and a sort.</li>
 * </ul>
 */
public final class StoreSchema {
    /** Bumped whenever the layout or the projection changes in a way that needs a full rebuild. */
    public static final String SCHEMA_VERSION = "mache-8";

    public static final String META_GENERATION = "generation";
    public static final String META_ROOT = "root";
    public static final String META_COMMITTED_AT = "committed_at";
    public static final String META_PHASE = "phase";
    public static final String META_SCHEMA_VERSION = "schema_version";
    public static final String META_SOURCE_ROOT = "source_root";
    public static final String META_FILES = "files";
    public static final String META_CONSTRUCTS = "constructs";
    public static final String META_REFERENCES = "references";
    public static final String META_NODES = "nodes";

    private StoreSchema() {
    }

    /** Tables only; {@link #createIndexes} follows. */
    public static void createTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS nodes(
                      rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, parent_id TEXT NOT NULL, name TEXT NOT NULL,
                      kind INTEGER NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL, record_id TEXT,
                      record BLOB, source_file TEXT,
                      construct INTEGER NOT NULL DEFAULT 0, src_start INTEGER, src_end INTEGER,
                      slot TEXT, slot_order INTEGER, hash INTEGER,
                      line_start INTEGER, line_end INTEGER, ctx_start INTEGER, ctx_len INTEGER,
                      leaf_mtime INTEGER,
                      def_token TEXT, def_container TEXT, def_kind TEXT, def_lang TEXT, def_namespace TEXT,
                      def_container_token TEXT, def_top_token TEXT, def_result_type TEXT)""");
            // the ley-line node_defs: one definition per construct, kept on the construct's own row
            s.executeUpdate("""
                    CREATE VIEW IF NOT EXISTS node_defs AS
                      SELECT def_token AS token, id AS node_id, source_file AS source_id,
                             def_container AS container_node_id, def_kind AS canonical_kind, def_lang AS lang,
                             def_namespace AS namespace, def_container_token AS container_token,
                             def_top_token AS top_token, def_result_type AS result_type
                      FROM nodes WHERE def_token IS NOT NULL""");
            s.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS _refs(
                      ref_id INTEGER PRIMARY KEY, token TEXT NOT NULL, construct INTEGER NOT NULL, qualifier TEXT,
                      sites TEXT)""");
            // the ley-line node_refs: a construct's reference rows name it by its row, not by its path
            s.executeUpdate("""
                    CREATE VIEW IF NOT EXISTS node_refs AS
                      SELECT r.token AS token, n.id AS node_id, n.source_file AS source_id,
                             NULL AS container_node_id, r.qualifier AS qualifier, r.sites AS sites,
                             r.ref_id AS ref_id
                      FROM _refs r JOIN nodes n ON n.rid = r.construct""");
            s.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS node_ref_targets(
                      ref_id INTEGER NOT NULL, target_id TEXT NOT NULL, qualifier TEXT, sites TEXT,
                      PRIMARY KEY (ref_id, target_id)) WITHOUT ROWID""");
            s.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS _source(
                      id TEXT PRIMARY KEY, language TEXT, content BLOB, path TEXT, content_hash TEXT,
                      namespace TEXT, imports TEXT, context BLOB)""");
            s.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS _file_index(
                      path TEXT PRIMARY KEY, mtime INTEGER NOT NULL, size INTEGER NOT NULL, content_hash TEXT)""");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS _meta(key TEXT PRIMARY KEY, value TEXT)");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS _names(hash BLOB PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID");
        }
    }

    /**
     * Every index. A bulk load creates them before it inserts, not after: most rows arrive in (nearly) key order
     * (files in path order, each file's nodes and references in tree order), so an insert lands next to the last
     * one, and the random-order keys (hashes, tokens, targets) are cheaper to insert one by one than to sort at the
     * end; measured on the JDK corpus this saves ~8 CPU-s and, above all, the ~15 s single-threaded sort phase at
     * the end of the load, while the parse and resolve pools keep the other core busy.
     */
    public static void createIndexes(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE INDEX IF NOT EXISTS nodes_parent_name ON nodes(parent_id, name)");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS nodes_source_file ON nodes(source_file)");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS nodes_slot ON nodes(slot) WHERE slot IS NOT NULL");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS nodes_hash ON nodes(hash)");
            // the token alone, as refs_token: a definition is looked up by its token, and a token's rows are
            // sorted by id when asked for (a few); with the id in the key this was 40 MB to write in random order
            s.executeUpdate("CREATE INDEX IF NOT EXISTS nodes_def_token ON nodes(def_token)"
                    + " WHERE def_token IS NOT NULL");
            // the token alone: a reference row is never looked up by (token, construct), and the shorter key
            // is a quarter of the index to write in random token order
            s.executeUpdate("CREATE INDEX IF NOT EXISTS refs_token ON _refs(token)");
            // constructs' rows are numbered in insertion order: a bulk load appends to this index
            s.executeUpdate("CREATE INDEX IF NOT EXISTS refs_construct ON _refs(construct)");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS node_ref_targets_target ON node_ref_targets(target_id)");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS source_lang_ns ON _source(language, namespace)");
        }
    }

    /** The indexed key of {@code nodes.hash}: the first 8 bytes of a {@code Names.hash128} value. */
    public static long hashKey(byte[] hash128) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (hash128[i] & 0xFF);
        }
        return v;
    }
}
