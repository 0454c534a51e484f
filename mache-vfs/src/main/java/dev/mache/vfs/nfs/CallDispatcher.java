package dev.mache.vfs.nfs;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.dcache.oncrpc4j.rpc.OncRpcProgram;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each decoded call to its program (in place of oncrpc4j's RpcDispatcher, which sends every call to the pool).
 * Calls that touch one node (GETATTR, LOOKUP of one name, ACCESS, READLINK, FS*INFO, PATHCONF, MOUNT bookkeeping) are
 * answered on the selector thread that read them: that saves two thread switches per round trip, which on a loaded
 * machine made a full `nfs-ls -R` about 30% faster; so are listing pages of a bounded size. Calls whose cost grows
 * with the data (READ, large READDIR/READDIRPLUS pages, MNT's path walk) and the refused changes run on the worker
 * pool, so a slow listing of a huge directory never holds back another call. Two selectors share the connections, so a slow single-node call delays only its neighbours.
 * A tree read over a socket ({@link dev.mache.vfs.VirtualFileSystem#inProcess()} false: a daemon) gets no inline
 * calls at all, since a stalled peer would stall the selector.
 */
final class CallDispatcher extends BaseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(CallDispatcher.class);

    private final Map<OncRpcProgram, RpcDispatchable> programs;
    private final Executor workers;
    /** False for a tree read over a socket (a daemon): then every call goes to the pool. */
    private final boolean inline;

    CallDispatcher(Map<OncRpcProgram, RpcDispatchable> programs, Executor workers, boolean inline) {
        this.programs = programs;
        this.workers = workers;
        this.inline = inline;
    }

    static boolean quick(RpcCall call) {
        if (call.getProgram() == Nfs3.MOUNT_PROGRAM) {
            return call.getProcedure() != Nfs3.MNT;
        }
        return switch (call.getProcedure()) {
            case Nfs3.NULL, Nfs3.GETATTR, Nfs3.LOOKUP, Nfs3.ACCESS, Nfs3.READLINK, Nfs3.FSSTAT, Nfs3.FSINFO,
                 Nfs3.PATHCONF -> true;
            case Nfs3.READDIR -> smallListing(call, 0);
            case Nfs3.READDIRPLUS -> smallListing(call, 4);
            default -> false;
        };
    }

    /**
     * Listing pages of at most this many reply bytes are answered on the selector thread too: their cost is bounded
     * by the count (a few dozen entries), not by the directory's size. libnfs asks for 8 KB pages and Linux for
     * about 16 KB, so a whole `ls -R` needs no thread switch; a client asking for 1 MB pages still gets the pool.
     */
    static final int QUICK_LISTING_BYTES = 32 * 1024;

    /**
     * Whether a READDIR (or, with the dircount word, READDIRPLUS) asks for a small page: peeks at the undecoded
     * arguments (dir handle, cookie, cookieverf, [dircount], count) without consuming them. Anything malformed goes
     * to the pool, where decoding reports it.
     */
    private static boolean smallListing(RpcCall call, int dircountBytes) {
        Buffer args = call.getXdr().asBuffer();
        int p = args.position();
        int limit = args.limit();
        if (limit - p < 4) {
            return false;
        }
        int handleLength = args.getInt(p);
        if (handleLength < 0 || handleLength > Nfs3.FHSIZE) {
            return false;
        }
        int countAt = p + 4 + ((handleLength + 3) & ~3) + 8 + 8 + dircountBytes;
        if (limit - countAt < 4) {
            return false;
        }
        return Integer.toUnsignedLong(args.getInt(countAt)) <= QUICK_LISTING_BYTES;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        RpcCall call = ctx.getMessage();
        RpcDispatchable program = programs.get(new OncRpcProgram(call.getProgram(), call.getProgramVersion()));
        if (program == null) {
            call.failProgramUnavailable();
            return ctx.getStopAction();
        }
        Runnable run = () -> {
            try {
                program.dispatchOncRpcCall(call);
            } catch (Exception e) {
                LOG.error("RPC call {} failed", call, e);
                call.failRpcSystem();
            }
        };
        if (inline && quick(call)) {
            run.run();
        } else {
            try {
                workers.execute(run);
            } catch (RejectedExecutionException overloaded) {
                LOG.warn("closing NFS connection from {}: the server has too many calls waiting",
                        ctx.getConnection().getPeerAddress());
                ctx.getConnection().closeSilently();
            }
        }
        return ctx.getStopAction();
    }
}
