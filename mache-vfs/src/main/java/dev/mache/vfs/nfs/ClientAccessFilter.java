package dev.mache.vfs.nfs;

import dev.mache.vfs.ClientNetworks;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dcache.oncrpc4j.rpc.RpcAuthError;
import org.dcache.oncrpc4j.rpc.RpcAuthStat;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcRejectStatus;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers only the clients of an allow-list (the {@code --nfs-allow} networks). It sits in the filter chain just
 * before the calls are dispatched, so no program ever sees a call from elsewhere. A refused client gets:
 * <ul>
 *   <li>for MOUNT's MNT: {@code MNT3ERR_ACCES}, which mount tools report as "permission denied" (MOUNT's NULL,
 *       a ping that libnfs sends before MNT, is answered, so a client gets as far as that clear refusal);</li>
 *   <li>for every other call (NFS, or MOUNT with a file handle learnt elsewhere): an RPC reply MSG_DENIED /
 *       AUTH_ERROR with {@code AUTH_TOOWEAK} ("rejected for security reasons", RFC 5531), before any argument is
 *       decoded.</li>
 * </ul>
 * The connection stays open (the client is told why rather than cut off); each refused address is logged once.
 */
final class ClientAccessFilter extends BaseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientAccessFilter.class);
    private static final int MAX_REMEMBERED = 1024;

    private final ClientNetworks allowed;
    private final Set<InetAddress> warned = ConcurrentHashMap.newKeySet();

    ClientAccessFilter(ClientNetworks allowed) {
        this.allowed = allowed;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        RpcCall call = ctx.getMessage();
        InetSocketAddress peer = call.getTransport().getRemoteSocketAddress();
        InetAddress client = peer == null ? null : peer.getAddress();
        if (allowed.permits(client) || (call.getProgram() == Nfs3.MOUNT_PROGRAM && call.getProcedure() == Nfs3.NULL)) {
            return ctx.getInvokeAction();
        }
        if (warned.size() < MAX_REMEMBERED && warned.add(client)) {
            LOG.warn("refusing NFS/MOUNT calls from {}: not in the allowed client networks ({})",
                    client == null ? "an unknown address" : client.getHostAddress(), allowed);
        }
        if (call.getProgram() == Nfs3.MOUNT_PROGRAM && call.getProcedure() == Nfs3.MNT) {
            call.reply(Reply.status(Nfs3.MNT3ERR_ACCES, out -> { }));
        } else {
            call.reject(RpcRejectStatus.AUTH_ERROR, new RpcAuthError(RpcAuthStat.AUTH_TOOWEAK));
        }
        return ctx.getStopAction();
    }
}
