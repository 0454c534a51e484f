package dev.mache.vfs.nfs;

import dev.mache.vfs.Entry;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** fattr3, post_op_attr and wcc_data of PROJECTION.md §5, written from an {@link Entry}. */
final class Attributes {

    /** One filesystem id for the whole tree ("mache" in ASCII). */
    static final long FSID = 0x6d61636865L;

    private final int uid;
    private final int gid;

    Attributes(int uid, int gid) {
        this.uid = uid;
        this.gid = gid;
    }

    /** The serving process's uid and gid (PROJECTION.md §5), or 0/0 where the platform cannot tell. */
    static Attributes ofCurrentProcess() {
        try {
            var unix = new com.sun.security.auth.module.UnixSystem();
            return new Attributes((int) unix.getUid(), (int) unix.getGid());
        } catch (Throwable notUnix) {
            return new Attributes(0, 0);
        }
    }

    void fattr(XdrEncodingStream out, Entry e) {
        out.xdrEncodeInt(switch (e.type()) {
            case DIRECTORY -> Nfs3.NF3DIR;
            case FILE -> Nfs3.NF3REG;
            case SYMLINK -> Nfs3.NF3LNK;
        });
        out.xdrEncodeInt(e.mode());
        out.xdrEncodeInt(e.nlink());
        out.xdrEncodeInt(uid);
        out.xdrEncodeInt(gid);
        out.xdrEncodeLong(e.size());
        out.xdrEncodeLong(e.size()); // used
        out.xdrEncodeInt(0); // rdev
        out.xdrEncodeInt(0);
        out.xdrEncodeLong(FSID);
        out.xdrEncodeLong(e.fileId());
        time(out, e.mtimeNanos()); // atime
        time(out, e.mtimeNanos()); // mtime
        time(out, e.mtimeNanos()); // ctime
    }

    /** post_op_attr: the attributes when known, else {@code attributes_follow = FALSE}. */
    void postOp(XdrEncodingStream out, Entry e) {
        if (e == null) {
            out.xdrEncodeBoolean(false);
        } else {
            out.xdrEncodeBoolean(true);
            fattr(out, e);
        }
    }

    /** wcc_data of a refused change: nothing changed, so before and after are the node's current attributes. */
    void wcc(XdrEncodingStream out, Entry e) {
        if (e == null) {
            out.xdrEncodeBoolean(false);
            out.xdrEncodeBoolean(false);
            return;
        }
        out.xdrEncodeBoolean(true);
        out.xdrEncodeLong(e.size());
        time(out, e.mtimeNanos());
        time(out, e.mtimeNanos());
        postOp(out, e);
    }

    static void time(XdrEncodingStream out, long nanos) {
        out.xdrEncodeInt((int) Math.floorDiv(nanos, 1_000_000_000L));
        out.xdrEncodeInt((int) Math.floorMod(nanos, 1_000_000_000L));
    }
}
