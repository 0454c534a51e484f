package dev.mache.vfs.nfs;

import static dev.mache.vfs.nfs.Nfs3.*;

import dev.mache.vfs.ops.Metrics;
import dev.mache.vfs.ops.OpMeter;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.rpc.OncRpcProgram;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;

/**
 * Meters a program's calls: {@code protocol="nfs"} with the NFSv3 procedure as {@code op} (failures by nfsstat3
 * name), {@code protocol="mount"} for MOUNTv3. The time is the call's own (decoding its arguments to handing over its
 * reply), not its wait for a worker.
 */
final class MeteredProgram implements RpcDispatchable {
    private static final String[] NFS_PROCS = {"NULL", "GETATTR", "SETATTR", "LOOKUP", "ACCESS", "READLINK", "READ",
            "WRITE", "CREATE", "MKDIR", "SYMLINK", "MKNOD", "REMOVE", "RMDIR", "RENAME", "LINK", "READDIR",
            "READDIRPLUS", "FSSTAT", "FSINFO", "PATHCONF", "COMMIT"};
    private static final String[] MOUNT_PROCS = {"NULL", "MNT", "DUMP", "UMNT", "UMNTALL", "EXPORT"};
    private static final Map<Integer, String> NFS_STATUS = Map.ofEntries(
            Map.entry(ERR_PERM, "NFS3ERR_PERM"), Map.entry(ERR_NOENT, "NFS3ERR_NOENT"),
            Map.entry(ERR_IO, "NFS3ERR_IO"), Map.entry(ERR_ACCES, "NFS3ERR_ACCES"),
            Map.entry(ERR_NOTDIR, "NFS3ERR_NOTDIR"), Map.entry(ERR_ISDIR, "NFS3ERR_ISDIR"),
            Map.entry(ERR_INVAL, "NFS3ERR_INVAL"), Map.entry(ERR_ROFS, "NFS3ERR_ROFS"),
            Map.entry(ERR_NAMETOOLONG, "NFS3ERR_NAMETOOLONG"), Map.entry(ERR_STALE, "NFS3ERR_STALE"),
            Map.entry(ERR_BADHANDLE, "NFS3ERR_BADHANDLE"), Map.entry(ERR_BAD_COOKIE, "NFS3ERR_BAD_COOKIE"),
            Map.entry(ERR_NOTSUPP, "NFS3ERR_NOTSUPP"), Map.entry(ERR_TOOSMALL, "NFS3ERR_TOOSMALL"),
            Map.entry(ERR_SERVERFAULT, "NFS3ERR_SERVERFAULT"));

    private final RpcDispatchable program;
    private final OpMeter[] meters;
    private final OpMeter unknown;

    private MeteredProgram(RpcDispatchable program, Metrics metrics, String protocol, String[] procs) {
        this.program = program;
        this.meters = new OpMeter[procs.length];
        for (int i = 0; i < procs.length; i++) {
            meters[i] = metrics.meter(protocol, procs[i]);
        }
        this.unknown = metrics.meter(protocol, "other");
    }

    /** {@code programs} with each NFS and MOUNT program metered (null metrics: as they are). */
    static Map<OncRpcProgram, RpcDispatchable> meter(Map<OncRpcProgram, RpcDispatchable> programs, Metrics metrics) {
        if (metrics == null) {
            return programs;
        }
        Map<OncRpcProgram, RpcDispatchable> metered = new HashMap<>();
        programs.forEach((id, program) -> metered.put(id, switch (id.getNumber()) {
            case PROGRAM -> new MeteredProgram(program, metrics, "nfs", NFS_PROCS);
            case MOUNT_PROGRAM -> new MeteredProgram(program, metrics, "mount", MOUNT_PROCS);
            default -> program;
        }));
        return Map.copyOf(metered);
    }

    @Override
    public void dispatchOncRpcCall(RpcCall call) throws OncRpcException, IOException {
        int proc = call.getProcedure();
        OpMeter meter = proc >= 0 && proc < meters.length ? meters[proc] : unknown;
        long start = System.nanoTime();
        int status = OK;
        boolean failed = true;
        try {
            if (program instanceof NfsProgram nfs) {
                status = nfs.answerCall(call);
            } else {
                program.dispatchOncRpcCall(call);
            }
            failed = false;
        } finally {
            long nanos = System.nanoTime() - start;
            if (failed || status == -1) {
                meter.record(nanos, "RPC_ERROR");
            } else if (status != OK) {
                meter.record(nanos, NFS_STATUS.getOrDefault(status, Integer.toString(status)));
            } else {
                meter.record(nanos);
            }
        }
    }
}
