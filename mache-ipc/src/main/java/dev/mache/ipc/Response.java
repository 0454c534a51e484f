package dev.mache.ipc;

import dev.mache.graph.Ref;
import dev.mache.graph.Stats;

import java.util.List;

/** A response of the daemon protocol, independent of the codec. */
public sealed interface Response {

    /**
     * A failure. {@code withOk} distinguishes a known op that failed ({@code {"error":…,"ok":false}}) from an envelope
     * error (not JSON, no op, unknown op: {@code {"error":…}}).
     */
    record Failure(String message, boolean withOk) implements Response {
        /** A client maps this to a missing node (DAEMON-PROTOCOL.md §2). */
        public boolean notFound() {
            return message.contains("not found");
        }
    }

    /** @param server "mache" from mache's daemon; null from ley-line */
    record Version(String binaryVersion, String schemaVersion, int wireFormatMajor, String compatMin, String buildDate,
                   String irSchemaVersion, String server) implements Response {
    }

    record Status(long generation, String arenaPath, long arenaSize, String phase, String currentRoot,
                  long lastReparseAtMs) implements Response {
    }

    record Flushed(String currentRoot) implements Response {
    }

    /** @param committedAtNanos null from a daemon that does not send it */
    record SnapshotInfo(long generation, String currentRoot, Long committedAtNanos) implements Response {
    }

    record Children(List<WireNode> children) implements Response {
    }

    record NodeFound(WireNode node) implements Response {
    }

    record Content(byte[] bytes) implements Response {
    }

    enum RefKind {
        DEFS("defs"), CALLERS("callers"), CALLEES("callees");

        public final String key;

        RefKind(String key) {
            this.key = key;
        }
    }

    record Refs(RefKind kind, List<Ref> refs) implements Response {
    }

    record TokenEntry(String token, List<String> nodeIds) {
    }

    record TokenMap(List<TokenEntry> entries) implements Response {
    }

    record Tokens(List<String> tokens) implements Response {
    }

    /** @param found null when the hash is unknown */
    record Unhashed(String found) implements Response {
    }

    record StatsResult(Stats stats) implements Response {
    }

    /** @param limit null when not truncated */
    record QueryResult(List<String> columns, List<List<String>> rows, boolean truncated, Integer limit)
            implements Response {
    }

    record ReparseResult(long generation, String currentRoot, long parsed, long unchanged, long deleted, long errors,
                         List<String> changedFiles) implements Response {
    }

    /** @param replayCount null when nothing was asked to be replayed */
    record Subscribed(List<String> topics, long headSeq, Integer replayCount, boolean replayGap) implements Response {
    }

    record Unsubscribed(List<String> topics) implements Response {
    }

    /** {@code {"ok":true}} and nothing else. */
    record Done() implements Response {
    }

    record Emitted(long seq) implements Response {
    }

    /** A pushed event; {@code dataJson} is a JSON object's text (or null). */
    record Event(long seq, String topic, String source, String dataJson) implements Response {
    }

    record Keepalive(long timestampMillis) implements Response {
    }

    /** The answer to a {@link Request.Raw}: the response object's members, as {@link dev.mache.ipc.json.Json} reads them. */
    record Generic(java.util.Map<String, Object> body) implements Response {
    }
}
