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

    private Reply(Body body) {
        this.body = body;
    }

    static Reply of(Body body) {
        return new Reply(body);
    }

    /** nfsstat3 (or mountstat3) followed by the rest. */
    static Reply status(int status, Body rest) {
        return new Reply(out -> {
            out.xdrEncodeInt(status);
            rest.encode(out);
        });
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
