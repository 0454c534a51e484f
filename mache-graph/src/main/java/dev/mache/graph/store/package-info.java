/**
 * The SQLite snapshot store: one file per indexed tree, in WAL mode, written by one indexer and read through
 * {@link dev.mache.graph.store.SqliteGraph}.
 *
 * <p>Layout ({@link dev.mache.graph.store.StoreSchema}): the ley-line tables {@code nodes}, {@code node_defs},
 * {@code node_refs}, {@code _source}, {@code _file_index}, {@code _meta}, plus {@code _names}. A node id is its path
 * without a leading slash; the root row has id {@code ""} and parent {@code ""}. A stored file's bytes are the
 * slice {@code [src_start, src_end)} of the {@code _source.content} named by {@code record_id} ({@code files/<repo
 * path>} entries), or {@code record}. A construct's {@code source}, {@code location} and {@code context} files have
 * no rows: the snapshot derives them from the construct's row (its source slice, lines and its file's context
 * slice, or {@code _source.context}), so source bytes are stored once and the three files cost no row, index entry
 * or hash. {@code node_refs} has one row per (construct, token) and {@code node_ref_targets} one per (reference,
 * resolved target construct); callers and callees are derived from the latter. {@code node_defs} and
 * {@code node_refs} are views: a definition is kept on its construct's row, a reference row in {@code _refs} names
 * its construct by {@code nodes.rid}.
 * {@code nodes.hash} is the first 8 bytes of {@code Names.hash128} of the node id as an integer; {@code _names}
 * maps the hash of every def/ref token to the text (append-only); {@code unhash} looks in both.
 * {@code _meta} holds generation, root (SHA-256 over the schema version and every file's path and content hash:
 * equal content gives an equal root), committed_at (ns), phase, schema_version, source_root and counts.
 *
 * <p>Snapshots: {@code Graph.open()} takes a pooled read-only connection, begins a transaction and reads
 * {@code _meta}, which pins the WAL snapshot; the indexer's commits stay invisible to it until it is closed.
 */
package dev.mache.graph.store;
