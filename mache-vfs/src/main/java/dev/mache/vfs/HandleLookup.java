package dev.mache.vfs;

/** The outcome of resolving an opaque file handle. */
public sealed interface HandleLookup {
    /** The handle names a node of this snapshot. */
    record Found(Entry entry) implements HandleLookup { }

    /** A well-formed handle whose node no longer exists (NFS3ERR_STALE, HTTP 404). */
    record Stale() implements HandleLookup { }

    /** Not a handle mache ever issued (NFS3ERR_BADHANDLE). */
    record Bad(String reason) implements HandleLookup { }
}
