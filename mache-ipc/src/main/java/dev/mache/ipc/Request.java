package dev.mache.ipc;

import java.util.List;

/**
 * A request of the daemon protocol (DAEMON-PROTOCOL.md §3), independent of the codec. The first group are ley-line's
 * ops; the second are mache's own, which a complete {@link dev.mache.graph.Graph} backend needs.
 */
public sealed interface Request {

    /** The wire name of the op. */
    String op();

    record Version() implements Request {
        public String op() {
            return "leyline_version";
        }
    }

    record Status() implements Request {
        public String op() {
            return "status";
        }
    }

    record Flush() implements Request {
        public String op() {
            return "flush";
        }
    }

    record SnapshotInfo() implements Request {
        public String op() {
            return "snapshot";
        }
    }

    record ListRoots() implements Request {
        public String op() {
            return "list_roots";
        }
    }

    record ListChildren(String id) implements Request {
        public String op() {
            return "list_children";
        }
    }

    /** @param withRecord false asks mache's daemon to leave the file content out (ley-line always sends it) */
    record GetNode(String id, boolean withRecord) implements Request {
        public String op() {
            return "get_node";
        }
    }

    /** @param length negative: to the end. A ranged read is mache's extension; ley-line returns everything. */
    record ReadContent(String id, long offset, int length) implements Request {
        public boolean ranged() {
            return offset != 0 || length >= 0;
        }

        public String op() {
            return "read_content";
        }
    }

    record FindDefs(String token) implements Request {
        public String op() {
            return "find_defs";
        }
    }

    /** Constructs referencing a token (ley-line's name for "refs"). */
    record FindCallers(String token) implements Request {
        public String op() {
            return "find_callers";
        }
    }

    record FindCallees(String id) implements Request {
        public String op() {
            return "find_callees";
        }
    }

    record GetRefsMap() implements Request {
        public String op() {
            return "get_refs_map";
        }
    }

    record GetDefsMap() implements Request {
        public String op() {
            return "get_defs_map";
        }
    }

    record Query(String sql, int limit) implements Request {
        public String op() {
            return "query";
        }
    }

    /** @param source null: the daemon's own source directory */
    record Reparse(String source, List<String> files) implements Request {
        public String op() {
            return "reparse";
        }
    }

    /** @param since null: no replay */
    record Subscribe(List<String> topics, Long since, String identity) implements Request {
        public String op() {
            return "subscribe";
        }
    }

    /** @param topics empty: every topic of this connection */
    record Unsubscribe(List<String> topics) implements Request {
        public String op() {
            return "unsubscribe";
        }
    }

    /** @param dataJson a JSON object's text, or null */
    record Emit(String topic, String source, String dataJson) implements Request {
        public String op() {
            return "emit";
        }
    }

    // ---- mache's own ops

    /** Children whose name sorts bytewise after {@code after} (null: from the start), at most {@code limit}. */
    record ListChildrenAfter(String id, String after, int limit) implements Request {
        public String op() {
            return "list_children_after";
        }
    }

    /** Constructs calling the construct {@code id} (ley-line only has callers of a token). */
    record Callers(String id) implements Request {
        public String op() {
            return "callers";
        }
    }

    record DefTokens(String after, int limit) implements Request {
        public String op() {
            return "def_tokens";
        }
    }

    record RefTokens(String after, int limit) implements Request {
        public String op() {
            return "ref_tokens";
        }
    }

    record Unhash(byte[] hash) implements Request {
        public String op() {
            return "unhash";
        }
    }

    /**
     * Pins a snapshot on this connection: until {@link End} (or the next Begin, or the connection's end) every read
     * op on it is answered from that one snapshot, so a filesystem request spanning several ops sees one version.
     */
    record Begin() implements Request {
        public String op() {
            return "begin";
        }
    }

    /** Releases the connection's pinned snapshot. */
    record End() implements Request {
        public String op() {
            return "end";
        }
    }

    record GetStats() implements Request {
        public String op() {
            return "stats";
        }
    }

    /**
     * An op carried as plain JSON arguments: ley-line's ops outside the filesystem's needs (get_schema, get_db_path,
     * sheaf_*), served on the JSON codec only.
     */
    record Raw(String op, java.util.Map<String, Object> args) implements Request {
    }
}
