package dev.mache.vfs.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.glassfish.grizzly.Buffer;

/** A reply body written by a lambda: results are encoded straight from VFS entries, without result classes. */
final class Reply implements XdrAble {

    @FunctionalInterface
    interface Body {
        void encode(XdrEncodingStream out);
    }

    private final Body body;
    /** The status the reply starts with, or -1 for a reply without one (metrics count failures by it). */
    private final int status;

    private Reply(Body body, int status) {
        this.body = body;
        this.status = status;
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
        return new Reply(out -> out.xdrEncodeOpaque(bytes, 0, bytes.length), status);
    }

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
