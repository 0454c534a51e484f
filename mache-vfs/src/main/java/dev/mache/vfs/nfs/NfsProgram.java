package dev.mache.vfs.nfs;

import static dev.mache.vfs.nfs.Nfs3.*;

import dev.mache.vfs.Entry;
import dev.mache.vfs.EntryType;
import dev.mache.vfs.HandleLookup;
import dev.mache.vfs.VfsSnapshot;
import dev.mache.vfs.VirtualFileSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;
import dev.mache.vfs.nfs.Xdrs.GarbageArgs;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NFS version 3 (RFC 1813) as a thin translation onto the VFS: each call opens one {@link VfsSnapshot}, answers from
 * it and closes it, so a reply never mixes two versions of the tree. Every change is refused with NFS3ERR_ROFS.
 */
final class NfsProgram implements RpcDispatchable {

    private static final Logger LOG = LoggerFactory.getLogger(NfsProgram.class);

    /** Largest READ the server answers (FSINFO rtmax); libnfs and Linux use it as their read size. */
    static final int RTMAX = 1024 * 1024;
    /** Largest WRITE a client may send (FSINFO wtmax): small, since every WRITE is refused, and it bounds requests. */
    static final int WTMAX = 8 * 1024;
    /** Largest READDIR/READDIRPLUS reply the server builds, whatever a client asks for. */
    static final int DIRMAX = 1024 * 1024;
    private static final int LIST_BATCH = 512;
    /** Reply bytes of the smallest READDIR entry (a 1-byte name) and READDIRPLUS entry (plus attributes, 3-byte handle). */
    private static final int MIN_ENTRY = 4 + 8 + 8 + 8, MIN_PLUS_ENTRY = MIN_ENTRY + 4 + 84 + 4 + 8;

    private final VirtualFileSystem vfs;
    private final Attributes attrs;
    private final DirCookies cookies;

    NfsProgram(VirtualFileSystem vfs, Attributes attrs, DirCookies cookies) {
        this.vfs = vfs;
        this.attrs = attrs;
        this.cookies = cookies;
    }

    /** A status other than NFS3_OK, with the attributes (if known) that the failure reply carries. */
    private static final class NfsError extends Exception {
        final int status;
        final transient Entry attributes;

        NfsError(int status, Entry attributes) {
            super(null, null, false, false);
            this.status = status;
            this.attributes = attributes;
        }
    }

    @Override
    public void dispatchOncRpcCall(RpcCall call) throws OncRpcException, IOException {
        answerCall(call);
    }

    /** Answers {@code call}; returns the nfsstat3 of the reply, or -1 when it was refused at the RPC level. */
    int answerCall(RpcCall call) throws OncRpcException, IOException {
        int proc = call.getProcedure();
        if (proc == NULL) {
            call.reply(XdrVoid.XDR_VOID);
            return OK;
        }
        if (proc < 0 || proc > COMMIT) {
            call.failProcedureUnavailable();
            return -1;
        }
        XdrDecodingStream in = call.getXdr();
        try (VfsSnapshot snap = vfs.open()) {
            Reply reply;
            try {
                reply = answer(proc, in, snap);
            } catch (GarbageArgs garbage) {
                LOG.debug("NFS proc {} from {}: garbage arguments: {}", proc,
                        call.getTransport().getRemoteSocketAddress(), garbage.getMessage());
                call.failRpcGarbage();
                return -1;
            } catch (NfsError e) {
                reply = failure(proc, e.status, e.attributes);
            } catch (RuntimeException e) {
                LOG.error("NFS proc {} failed", proc, e);
                reply = failure(proc, ERR_SERVERFAULT, null);
            }
            reply.sendTo(call);
            return reply.status();
        } catch (RuntimeException e) {
            // the VFS could not even open a snapshot
            LOG.error("NFS proc {}: no snapshot", proc, e);
            call.reply(failure(proc, ERR_SERVERFAULT, null));
            return ERR_SERVERFAULT;
        }
    }

    private Reply answer(int proc, XdrDecodingStream in, VfsSnapshot snap) throws GarbageArgs, NfsError {
        return switch (proc) {
            case GETATTR -> getattr(in, snap);
            case LOOKUP -> lookup(in, snap);
            case ACCESS -> access(in, snap);
            case READLINK -> readlink(in, snap);
            case READ -> read(in, snap);
            case READDIR -> readdir(in, snap, false);
            case READDIRPLUS -> readdir(in, snap, true);
            case FSSTAT -> fsstat(in, snap);
            case FSINFO -> fsinfo(in, snap);
            case PATHCONF -> pathconf(in, snap);
            default -> refuse(proc, in, snap);
        };
    }

    /** The failure body of each procedure: post_op_attr for reads, wcc_data for changes (RFC 1813 *3resfail). */
    private Reply failure(int proc, int status, Entry attributes) {
        return Reply.status(status, out -> {
            switch (proc) {
                case GETATTR -> { }
                case SETATTR, WRITE, CREATE, MKDIR, SYMLINK, MKNOD, REMOVE, RMDIR, COMMIT -> attrs.wcc(out, null);
                case RENAME -> {
                    attrs.wcc(out, null);
                    attrs.wcc(out, null);
                }
                case LINK -> {
                    attrs.postOp(out, null);
                    attrs.wcc(out, null);
                }
                default -> attrs.postOp(out, attributes);
            }
        });
    }

    // ---- handles

    private Entry resolve(VfsSnapshot snap, byte[] handle) throws NfsError {
        return switch (snap.resolve(handle)) {
            case HandleLookup.Found found -> found.entry();
            case HandleLookup.Stale stale -> throw new NfsError(ERR_STALE, null);
            case HandleLookup.Bad bad -> throw new NfsError(ERR_BADHANDLE, null);
        };
    }

    /** The attributes of a handle for wcc_data, or null when the handle names nothing (the change is refused anyway). */
    private static Entry quietly(VfsSnapshot snap, byte[] handle) {
        return snap.resolve(handle) instanceof HandleLookup.Found found ? found.entry() : null;
    }

    private Entry directory(VfsSnapshot snap, byte[] handle) throws NfsError {
        Entry dir = resolve(snap, handle);
        if (!dir.isDirectory()) {
            throw new NfsError(ERR_NOTDIR, dir);
        }
        return dir;
    }

    private static Entry parentOf(VfsSnapshot snap, Entry e) {
        int slash = e.path().lastIndexOf('/');
        if (slash < 0) {
            return snap.root();
        }
        return snap.lookup(e.path().substring(0, slash)).orElseGet(snap::root);
    }

    // ---- reading procedures

    private Reply getattr(XdrDecodingStream in, VfsSnapshot snap) throws GarbageArgs, NfsError {
        Entry e = resolve(snap, Xdrs.handle(in));
        return Reply.status(OK, out -> attrs.fattr(out, e));
    }

    private Reply lookup(XdrDecodingStream in, VfsSnapshot snap) throws GarbageArgs, NfsError {
        byte[] dirHandle = Xdrs.handle(in);
        String name = Xdrs.string(in, DECODE_NAME_MAX);
        Entry dir = directory(snap, dirHandle);
        if (name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
            throw new NfsError(ERR_NAMETOOLONG, dir);
        }
        Entry child = switch (name) {
            case "." -> dir;
            case ".." -> parentOf(snap, dir);
            default -> snap.lookup(dir, name).orElseThrow(() -> new NfsError(ERR_NOENT, dir));
        };
        byte[] handle = snap.handle(child);
        return Reply.status(OK, out -> {
            out.xdrEncodeDynamicOpaque(handle);
            attrs.postOp(out, child);
            attrs.postOp(out, dir);
        });
    }

    private Reply access(XdrDecodingStream in, VfsSnapshot snap) throws GarbageArgs, NfsError {
        byte[] handle = Xdrs.handle(in);
        int asked = Xdrs.int32(in);
        Entry e = resolve(snap, handle);
        int allowed = switch (e.type()) {
            case DIRECTORY -> ACCESS_READ | ACCESS_LOOKUP | ACCESS_EXECUTE;
            case FILE, SYMLINK -> ACCESS_READ;
        };
        return Reply.status(OK, out -> {
            attrs.postOp(out, e);
            out.xdrEncodeInt(asked & allowed);
        });
    }

    private Reply readlink(XdrDecodingStream in, VfsSnapshot snap) throws GarbageArgs, NfsError {
        Entry e = resolve(snap, Xdrs.handle(in));
        if (e.type() != EntryType.SYMLINK || e.linkText().isEmpty()) {
            throw new NfsError(ERR_INVAL, e);
        }
        byte[] text = e.linkText().get().getBytes(StandardCharsets.UTF_8);
        return Reply.status(OK, out -> {
            attrs.postOp(out, e);
            out.xdrEncodeDynamicOpaque(text);
        });
    }

    private Reply read(XdrDecodingStream in, VfsSnapshot snap) throws GarbageArgs, NfsError {
        byte[] handle = Xdrs.handle(in);
        long offset = Xdrs.int64(in);
        long count = Xdrs.uint32(in);
        Entry e = resolve(snap, handle);
        if (e.isDirectory()) {
            throw new NfsError(ERR_ISDIR, e);
        }
        if (e.type() != EntryType.FILE) {
            throw new NfsError(ERR_INVAL, e);
        }
        byte[] data = offset < 0 || offset >= e.size() ? new byte[0]
                : snap.read(e, offset, (int) Math.min(count, RTMAX));
        boolean eof = offset < 0 || offset + data.length >= e.size();
        return Reply.status(OK, out -> {
            attrs.postOp(out, e);
            out.xdrEncodeInt(data.length);
            out.xdrEncodeBoolean(eof);
            out.xdrEncodeDynamicOpaque(data);
        });
    }

    /**
     * READDIR and READDIRPLUS. The reply (READDIR3resok / READDIRPLUS3resok, status word included) never exceeds the
     * client's count / maxcount; the dircount hint of READDIRPLUS is not used to cut replies shorter (as in Linux's
     * knfsd), since maxcount already bounds them and fewer round trips are faster. "." and ".." are not listed:
     * clients synthesise them, and LOOKUP answers both.
     */
    private Reply readdir(XdrDecodingStream in, VfsSnapshot snap, boolean plus)
            throws GarbageArgs, NfsError {
        byte[] handle = Xdrs.handle(in);
        long cookie = Xdrs.int64(in);
        Xdrs.fixed(in, 8); // cookieverf: deliberately not checked
        if (plus) {
            Xdrs.int32(in); // dircount
        }
        long count = Math.min(Xdrs.uint32(in), DIRMAX);
        Page page = new Page(plus, new String(handle, StandardCharsets.ISO_8859_1), cookie, count);
        Optional<byte[]> remembered = snap.recall(page);
        if (remembered.isPresent()) {
            return Reply.encoded(OK, remembered.get());
        }
        Entry dir = directory(snap, handle);

        String after = null;
        if (cookie != 0) {
            after = cookies.nameOf(cookie, snap, dir).orElseThrow(() -> new NfsError(ERR_BAD_COOKIE, dir));
        }
        // status + post_op_attr(dir) + cookieverf + end-of-list marker + eof
        long used = 4 + 4 + FATTR3_SIZE + 8 + 4 + 4;
        if (used > count) {
            throw new NfsError(ERR_TOOSMALL, dir);
        }
        List<Entry> entries = new ArrayList<>();
        List<byte[]> names = new ArrayList<>();
        List<byte[]> handles = plus ? new ArrayList<>() : null;
        boolean eof = false;
        boolean full = false;
        // no more entries than the smallest possible ones could fill, so an 8 KB page does not fetch 512
        int batchSize = (int) Math.min(LIST_BATCH, count / (plus ? MIN_PLUS_ENTRY : MIN_ENTRY) + 1);
        while (!full) {
            List<Entry> batch = snap.listAfter(dir, after, batchSize);
            for (Entry child : batch) {
                byte[] name = child.name().getBytes(StandardCharsets.UTF_8);
                byte[] childHandle = plus ? snap.handle(child) : null;
                long size = 4 + 8 + opaqueSize(name.length) + 8;
                if (plus) {
                    size += 4 + FATTR3_SIZE + 4 + opaqueSize(childHandle.length);
                }
                if (used + size > count) {
                    full = true;
                    break;
                }
                used += size;
                entries.add(child);
                names.add(name);
                if (plus) {
                    handles.add(childHandle);
                }
                after = child.name();
            }
            if (!full && batch.size() < batchSize) {
                eof = true;
                break;
            }
        }
        if (entries.isEmpty() && !eof) {
            throw new NfsError(ERR_TOOSMALL, dir);
        }
        long[] entryCookies = new long[entries.size()];
        for (int i = 0; i < entryCookies.length; i++) {
            entryCookies[i] = cookies.issue(entries.get(i).name());
        }
        boolean atEnd = eof;
        byte[] bytes = Reply.encode((int) used, out -> {
            out.xdrEncodeInt(OK);
            attrs.postOp(out, dir);
            out.xdrEncodeLong(dir.mtimeNanos()); // cookieverf
            for (int i = 0; i < entryCookies.length; i++) {
                Entry child = entries.get(i);
                out.xdrEncodeBoolean(true);
                out.xdrEncodeLong(child.fileId());
                out.xdrEncodeDynamicOpaque(names.get(i));
                out.xdrEncodeLong(entryCookies[i]);
                if (plus) {
                    attrs.postOp(out, child);
                    out.xdrEncodeBoolean(true);
                    out.xdrEncodeDynamicOpaque(handles.get(i));
                }
            }
            out.xdrEncodeBoolean(false);
            out.xdrEncodeBoolean(atEnd);
        });
        snap.remember(page, bytes);
        return Reply.encoded(OK, bytes);
    }

    /**
     * What a listing page's bytes depend on besides the tree's state (which {@link VfsSnapshot#remember} keys on, so
     * a hot swap never answers from an older listing): the procedure, the directory's handle (as Latin-1, one char a
     * byte), the cookie and the reply size. The cookie verifier and READDIRPLUS's dircount are not used to build a
     * page, so they are not part of it: a client echoing different verifiers shares the pages.
     */
    record Page(boolean plus, String handle, long cookie, long count) { }

    private Reply fsstat(XdrDecodingStream in, VfsSnapshot snap) throws GarbageArgs, NfsError {
        Entry e = resolve(snap, Xdrs.handle(in));
        return Reply.status(OK, out -> {
            attrs.postOp(out, e);
            out.xdrEncodeLong(0); // tbytes: a projection occupies no disk
            out.xdrEncodeLong(0); // fbytes
            out.xdrEncodeLong(0); // abytes
            out.xdrEncodeLong(0); // tfiles
            out.xdrEncodeLong(0); // ffiles
            out.xdrEncodeLong(0); // afiles
            out.xdrEncodeInt(0); // invarsec: may change at any time (hot swaps)
        });
    }

    private Reply fsinfo(XdrDecodingStream in, VfsSnapshot snap) throws GarbageArgs, NfsError {
        Entry e = resolve(snap, Xdrs.handle(in));
        return Reply.status(OK, out -> {
            attrs.postOp(out, e);
            out.xdrEncodeInt(RTMAX); // rtmax
            out.xdrEncodeInt(RTMAX); // rtpref
            out.xdrEncodeInt(4096); // rtmult
            out.xdrEncodeInt(WTMAX); // wtmax
            out.xdrEncodeInt(WTMAX); // wtpref
            out.xdrEncodeInt(4096); // wtmult
            out.xdrEncodeInt(64 * 1024); // dtpref
            out.xdrEncodeLong(Long.MAX_VALUE); // maxfilesize
            out.xdrEncodeInt(0); // time_delta: nanosecond times
            out.xdrEncodeInt(1);
            out.xdrEncodeInt(FSF3_SYMLINK | FSF3_HOMOGENEOUS);
        });
    }

    private Reply pathconf(XdrDecodingStream in, VfsSnapshot snap) throws GarbageArgs, NfsError {
        Entry e = resolve(snap, Xdrs.handle(in));
        return Reply.status(OK, out -> {
            attrs.postOp(out, e);
            out.xdrEncodeInt(1); // linkmax
            out.xdrEncodeInt(NAME_MAX);
            out.xdrEncodeBoolean(true); // no_trunc
            out.xdrEncodeBoolean(true); // chown_restricted
            out.xdrEncodeBoolean(false); // case_insensitive
            out.xdrEncodeBoolean(true); // case_preserving
        });
    }

    // ---- changes: all refused

    /**
     * Every change gets NFS3ERR_ROFS with the wcc_data (or post_op_attr) the procedure's failure result carries,
     * filled with the current attributes of the objects named, since nothing changed. Only the leading handles and
     * names are decoded: they are all the reply needs.
     */
    private Reply refuse(int proc, XdrDecodingStream in, VfsSnapshot snap) throws GarbageArgs {
        return switch (proc) {
            case SETATTR, WRITE, COMMIT -> {
                Entry e = quietly(snap, Xdrs.handle(in));
                yield Reply.status(ERR_ROFS, out -> attrs.wcc(out, e));
            }
            case CREATE, MKDIR, SYMLINK, MKNOD, REMOVE, RMDIR -> {
                Entry dir = quietly(snap, Xdrs.handle(in));
                Xdrs.string(in, DECODE_NAME_MAX);
                yield Reply.status(ERR_ROFS, out -> attrs.wcc(out, dir));
            }
            case RENAME -> {
                Entry from = quietly(snap, Xdrs.handle(in));
                Xdrs.string(in, DECODE_NAME_MAX);
                Entry to = quietly(snap, Xdrs.handle(in));
                Xdrs.string(in, DECODE_NAME_MAX);
                yield Reply.status(ERR_ROFS, out -> {
                    attrs.wcc(out, from);
                    attrs.wcc(out, to);
                });
            }
            case LINK -> {
                Entry file = quietly(snap, Xdrs.handle(in));
                Entry dir = quietly(snap, Xdrs.handle(in));
                Xdrs.string(in, DECODE_NAME_MAX);
                yield Reply.status(ERR_ROFS, out -> {
                    attrs.postOp(out, file);
                    attrs.wcc(out, dir);
                });
            }
            default -> throw new IllegalStateException("not a change procedure: " + proc);
        };
    }
}
