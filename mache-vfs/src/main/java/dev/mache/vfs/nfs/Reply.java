package dev.mache.vfs.nfs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.rpc.RpcAuthVerifier;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcTransport;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.memory.BuffersBuffer;
import org.glassfish.grizzly.memory.ByteBufferWrapper;
import org.glassfish.grizzly.memory.MemoryManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A reply body written by a lambda: results are encoded straight from VFS entries, without result classes. */
final class Reply implements XdrAble {

    private static final Logger LOG = LoggerFactory.getLogger(Reply.class);

    @FunctionalInterface
    interface Body {
        void encode(XdrEncodingStream out);
    }

    private final Body body;
    /** The status the reply starts with, or -1 for a reply without one (metrics count failures by it). */
    private final int status;
    /** The whole body already encoded (see {@link #encoded}), or null. */
    private final byte[] bytes;

    private Reply(Body body, int status) {
        this(body, status, null);
    }

    private Reply(Body body, int status, byte[] bytes) {
        this.body = body;
        this.status = status;
        this.bytes = bytes;
    }

    static Reply of(Body body) {
        return new Reply(body, -1);
    }

    /** nfsstat3 (or mountstat3) followed by the rest. */
    static Reply status(int status, Body rest) {
        return new Reply(out -> {
            out.xdrEncodeInt(status);
            rest.encode(out);
        }, status);
    }

    /**
     * A reply already encoded: {@code bytes} start with the status word (as {@link #encode} makes them) and are a
     * multiple of 4 long, so they are written as they are.
     */
    static Reply encoded(int status, byte[] bytes) {
        return new Reply(out -> out.xdrEncodeOpaque(bytes, 0, bytes.length), status, bytes);
    }

    /**
     * Sends this reply to {@code call}. A reply {@link #encoded} beforehand goes out as it is, behind an accepted-reply
     * header of its own: oncrpc4j's {@link RpcCall#reply} would copy it into the call's request buffer, which grows
     * (a fresh pool buffer, zeroed) for every listing page, a tenth of the server's CPU in a repeated listing.
     */
    void sendTo(RpcCall call) {
        if (bytes == null) {
            call.reply(this);
            return;
        }
        RpcAuthVerifier verifier = call.getCredential().getVerifier();
        byte[] verifierBody = verifier.getBody() == null ? new byte[0] : verifier.getBody();
        ByteBuffer header = ByteBuffer.allocate(4 * 6 + ((verifierBody.length + 3) & ~3));
        header.putInt(call.getXid()).putInt(RPC_REPLY).putInt(MSG_ACCEPTED)
                .putInt(verifier.getType()).putInt(verifierBody.length).put(verifierBody);
        header.position(header.capacity() - 4);
        header.putInt(SUCCESS).flip();
        // read-only wrappers: Grizzly may dispose what it wrote, never into the remembered array
        Buffer reply = BuffersBuffer.create(MemoryManager.DEFAULT_MEMORY_MANAGER,
                new ByteBufferWrapper(header), new ByteBufferWrapper(ByteBuffer.wrap(bytes).asReadOnlyBuffer()));
        RpcTransport transport = call.getTransport();
        transport.send(new Xdr(reply), transport.getRemoteSocketAddress(), NOT_SENT);
    }

    private static final int RPC_REPLY = 1, MSG_ACCEPTED = 0, SUCCESS = 0;

    /** As oncrpc4j does for its own replies: a reply that cannot be written is only logged (the peer is gone). */
    private static final CompletionHandler<Integer, InetSocketAddress> NOT_SENT = new CompletionHandler<>() {
        @Override
        public void completed(Integer written, InetSocketAddress peer) {
        }

        @Override
        public void failed(Throwable e, InetSocketAddress peer) {
            LOG.debug("reply to {} not sent: {}", peer, e.toString());
        }
    };

    /** The XDR bytes of a reply body of exactly {@code size} bytes (a multiple of 4). */
    static byte[] encode(int size, Body body) {
        byte[] bytes = new byte[size];
        Xdr xdr = new Xdr(bytes);
        xdr.beginEncoding();
        body.encode(xdr);
        xdr.endEncoding();
        Buffer written = xdr.asBuffer();
        if (written.remaining() != size) {
            throw new IllegalStateException("encoded " + written.remaining() + " bytes, expected " + size);
        }
        if (written.hasArray() && written.array() == bytes && written.arrayOffset() + written.position() == 0) {
            return bytes;
        }
        byte[] copy = new byte[size];
        written.get(copy);
        return copy;
    }

    int status() {
        return status;
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) {
        body.encode(out);
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws OncRpcException, IOException {
        throw new UnsupportedOperationException("a reply is only encoded");
    }
}
