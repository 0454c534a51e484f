package dev.mache.vfs.nfs;

import static dev.mache.vfs.nfs.Nfs3.*;

import dev.mache.vfs.Entry;
import dev.mache.vfs.VfsSnapshot;
import dev.mache.vfs.VirtualFileSystem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import dev.mache.vfs.nfs.Xdrs.GarbageArgs;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MOUNT version 3 (RFC 1813 appendix I). MNT hands out the handle of any directory of the tree, not only of "/":
 * libnfs mounts the directory it lists, or the parent of the file it reads, with no fallback (TESTING.md §2).
 * The mount list DUMP reports is informational, as in every NFSv3 server, and bounded.
 */
final class MountProgram implements RpcDispatchable {

    private static final Logger LOG = LoggerFactory.getLogger(MountProgram.class);
    private static final int MAX_MOUNTS = 1024;

    record Mount(String host, String path) { }

    private final VirtualFileSystem vfs;
    private final Set<Mount> mounts = ConcurrentHashMap.newKeySet();

    MountProgram(VirtualFileSystem vfs) {
        this.vfs = vfs;
    }

    @Override
    public void dispatchOncRpcCall(RpcCall call) throws OncRpcException, IOException {
        try {
            switch (call.getProcedure()) {
                case NULL -> call.reply(XdrVoid.XDR_VOID);
                case MNT -> mnt(call);
                case DUMP -> dump(call);
                case UMNT -> {
                    String path = Xdrs.string(call.getXdr(), MNTPATHLEN);
                    mounts.remove(new Mount(host(call), "/" + canonical(path).orElse("")));
                    call.reply(XdrVoid.XDR_VOID);
                }
                case UMNTALL -> {
                    String host = host(call);
                    mounts.removeIf(m -> m.host().equals(host));
                    call.reply(XdrVoid.XDR_VOID);
                }
                case EXPORT -> call.reply(Reply.of(out -> {
                    out.xdrEncodeBoolean(true);
                    out.xdrEncodeString("/");
                    out.xdrEncodeBoolean(false); // no groups: everyone who can reach the socket
                    out.xdrEncodeBoolean(false);
                }));
                default -> call.failProcedureUnavailable();
            }
        } catch (GarbageArgs garbage) {
            LOG.debug("MOUNT proc {}: garbage arguments: {}", call.getProcedure(), garbage.getMessage());
            call.failRpcGarbage();
        }
    }

    private void mnt(RpcCall call) throws GarbageArgs {
        String requested = Xdrs.string(call.getXdr(), MNTPATHLEN);
        Optional<String> path = canonical(requested);
        if (path.isEmpty()) {
            call.reply(Reply.status(MNT3ERR_NOENT, out -> { }));
            return;
        }
        int status;
        byte[] handle = null;
        try (VfsSnapshot snap = vfs.open()) {
            Optional<Entry> entry = path.get().isEmpty() ? Optional.of(snap.root()) : snap.lookup(path.get());
            if (entry.isEmpty()) {
                status = MNT3ERR_NOENT;
            } else if (!entry.get().isDirectory()) {
                status = MNT3ERR_NOTDIR;
            } else {
                status = MNT3_OK;
                handle = snap.handle(entry.get());
            }
        } catch (RuntimeException e) {
            LOG.error("MNT {} failed", requested, e);
            status = MNT3ERR_SERVERFAULT;
        }
        if (status != MNT3_OK) {
            call.reply(Reply.status(status, out -> { }));
            return;
        }
        if (mounts.size() < MAX_MOUNTS) {
            mounts.add(new Mount(host(call), "/" + path.get()));
        }
        byte[] fh = handle;
        call.reply(Reply.status(MNT3_OK, out -> {
            out.xdrEncodeDynamicOpaque(fh);
            out.xdrEncodeInt(2);
            out.xdrEncodeInt(AUTH_SYS);
            out.xdrEncodeInt(AUTH_NONE);
        }));
    }

    private void dump(RpcCall call) {
        List<Mount> list = new ArrayList<>(mounts);
        call.reply(Reply.of(out -> {
            for (Mount m : list) {
                out.xdrEncodeBoolean(true);
                out.xdrEncodeString(m.host());
                out.xdrEncodeString(m.path());
            }
            out.xdrEncodeBoolean(false);
        }));
    }

    /**
     * The tree path of a MOUNT dirpath ("/a//b/" → "a/b", "/" → ""), or empty if it climbs with "..": a mount never
     * names anything outside the tree.
     */
    static Optional<String> canonical(String dirpath) {
        List<String> segments = new ArrayList<>();
        for (String segment : dirpath.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                return Optional.empty();
            }
            segments.add(segment);
        }
        return Optional.of(String.join("/", segments));
    }

    private static String host(RpcCall call) {
        InetSocketAddress peer = call.getTransport().getRemoteSocketAddress();
        return peer == null ? "unknown" : peer.getAddress().getHostAddress();
    }
}
