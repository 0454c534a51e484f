package dev.mache.vfs.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

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
