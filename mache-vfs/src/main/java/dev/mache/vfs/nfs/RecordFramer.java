package dev.mache.vfs.nfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RPC record marking over TCP (RFC 5531 §11) with the limits oncrpc4j's own parser lacks, so that no peer can make
 * the server hold or allocate more than a bounded amount of memory:
 * <ul>
 *   <li>a record (all its fragments) may not exceed {@code maxRecord} bytes, nor have more than 64 fragments;</li>
 *   <li>the call header's credential and verifier must have sane lengths that fit the record (oncrpc4j allocates
 *       the machine name and gid list of AUTH_SYS at whatever length the peer claims, before checking);</li>
 *   <li>only AUTH_NONE and AUTH_SYS are served; other flavours get MSG_DENIED/AUTH_TOOWEAK.</li>
 * </ul>
 * A peer breaking the framing or the header is disconnected; other connections are not affected. A complete record
 * is copied out and handed on as an oncrpc4j {@link Xdr} to its {@code RpcProtocolFilter}.
 */
final class RecordFramer extends BaseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFramer.class);

    static final int MAX_FRAGMENTS = 64;
    private static final int LAST_FRAGMENT = 0x80000000;
    private static final int CALL = 0, REPLY = 1;
    private static final int MAX_AUTH_BODY = 400;
    private static final int MAX_MACHINE_NAME = 255, MAX_GIDS = 16;

    private final int maxRecord;

    RecordFramer(int maxRecord) {
        this.maxRecord = maxRecord;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Buffer in = ctx.getMessage();
        while (true) {
            int start = in.position();
            int p = start;
            int recordSize = 0;
            int fragments = 0;
            boolean complete = false;
            while (in.limit() - p >= 4) {
                int marker = in.getInt(p);
                int size = marker & ~LAST_FRAGMENT;
                fragments++;
                if (size > maxRecord - recordSize || fragments > MAX_FRAGMENTS) {
                    return disconnect(ctx, "record larger than " + maxRecord + " bytes or " + MAX_FRAGMENTS
                            + " fragments");
                }
                if (in.limit() - p - 4 < size) {
                    break;
                }
                recordSize += size;
                p += 4 + size;
                if ((marker & LAST_FRAGMENT) != 0) {
                    complete = true;
                    break;
                }
            }
            if (!complete) {
                return ctx.getStopAction(in); // wait for more bytes; at most maxRecord plus markers are kept
            }
            byte[] record = new byte[recordSize];
            int q = start;
            int filled = 0;
            while (filled < recordSize || q < p) {
                int size = in.getInt(q) & ~LAST_FRAGMENT;
                in.position(q + 4);
                in.get(record, filled, size);
                filled += size;
                q += 4 + size;
            }
            in.position(p);
            Buffer rest = in.hasRemaining() ? in.split(p) : null;

            String problem = checkHeader(record);
            if (problem != null) {
                return disconnect(ctx, problem);
            }
            ByteBuffer header = ByteBuffer.wrap(record);
            int type = header.getInt(4);
            if (type == CALL && !acceptedFlavour(header.getInt(24))) {
                ctx.write(authTooWeak(ctx, header.getInt(0)));
            } else if (type == CALL) {
                ctx.setMessage(new Xdr(Buffers.wrap(ctx.getMemoryManager(), record), ctx.getMemoryManager()));
                return ctx.getInvokeAction(rest);
            }
            // a REPLY to a server, or a refused call: nothing more to do with this record
            if (rest == null) {
                return ctx.getStopAction();
            }
            in = rest;
        }
    }

    private static boolean acceptedFlavour(int flavour) {
        return flavour == Nfs3.AUTH_NONE || flavour == Nfs3.AUTH_SYS;
    }

    /** Null when the RPC header is well-formed enough for oncrpc4j to decode safely, else what is wrong. */
    static String checkHeader(byte[] record) {
        ByteBuffer b = ByteBuffer.wrap(record);
        int n = record.length;
        if (n < 8) {
            return "record of " + n + " bytes has no RPC header";
        }
        int type = b.getInt(4);
        if (type == REPLY) {
            return null;
        }
        if (type != CALL) {
            return "message type " + type + " is neither CALL nor REPLY";
        }
        // xid type rpcvers prog vers proc | cred flavour, length
        if (n < 32) {
            return "call header truncated";
        }
        int credFlavour = b.getInt(24);
        int credLength = b.getInt(28);
        if (credLength < 0 || credLength > MAX_AUTH_BODY || n - 32 < padded(credLength) + 8) {
            return "credential of " + Integer.toUnsignedString(credLength) + " bytes does not fit";
        }
        if (credFlavour == Nfs3.AUTH_SYS) {
            String problem = checkAuthSys(ByteBuffer.wrap(record, 32, credLength).slice());
            if (problem != null) {
                return problem;
            }
        }
        int verf = 32 + padded(credLength);
        int verfLength = b.getInt(verf + 4);
        if (verfLength < 0 || verfLength > MAX_AUTH_BODY || n - verf - 8 < padded(verfLength)) {
            return "verifier of " + Integer.toUnsignedString(verfLength) + " bytes does not fit";
        }
        return null;
    }

    private static String checkAuthSys(ByteBuffer body) {
        int n = body.remaining();
        if (n < 8) {
            return "AUTH_SYS credential truncated";
        }
        int machineLength = body.getInt(4);
        if (machineLength < 0 || machineLength > MAX_MACHINE_NAME || n < 8 + padded(machineLength) + 12) {
            return "AUTH_SYS machine name of " + Integer.toUnsignedString(machineLength) + " bytes";
        }
        int gids = 8 + padded(machineLength) + 8;
        int gidCount = body.getInt(gids);
        if (gidCount < 0 || gidCount > MAX_GIDS || n < gids + 4 + 4 * gidCount) {
            return "AUTH_SYS with " + Integer.toUnsignedString(gidCount) + " groups";
        }
        if (n != gids + 4 + 4 * gidCount) {
            // oncrpc4j decodes the fields, not the declared length: a mismatch would shift every later field
            return "AUTH_SYS credential of " + n + " bytes holds " + (gids + 4 + 4 * gidCount);
        }
        return null;
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }

    private static Buffer authTooWeak(FilterChainContext ctx, int xid) {
        ByteBuffer reply = ByteBuffer.allocate(24);
        reply.putInt(LAST_FRAGMENT | 20).putInt(xid).putInt(REPLY)
                .putInt(1)  // MSG_DENIED
                .putInt(1)  // AUTH_ERROR
                .putInt(5); // AUTH_TOOWEAK
        return Buffers.wrap(ctx.getMemoryManager(), reply.array());
    }

    private static NextAction disconnect(FilterChainContext ctx, String why) {
        LOG.warn("closing NFS connection from {}: {}", ctx.getConnection().getPeerAddress(), why);
        ctx.getConnection().closeSilently();
        return ctx.getStopAction();
    }
}
