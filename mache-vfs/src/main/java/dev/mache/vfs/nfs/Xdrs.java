package dev.mache.vfs.nfs;

import java.nio.charset.StandardCharsets;
import org.dcache.oncrpc4j.xdr.BadXdrOncRpcException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;

/**
 * Bounded decoding of untrusted arguments. oncrpc4j's own {@code xdrDecodeString}/{@code xdrDecodeDynamicOpaque}
 * allocate whatever length the peer claims before checking it against the message, so every variable-length
 * argument goes through here, where the protocol's limit is checked first. Any failure is {@link GarbageArgs}.
 */
final class Xdrs {
    private Xdrs() { }

    /** Arguments that do not decode: the call is answered with GARBAGE_ARGS. */
    static final class GarbageArgs extends Exception {
        GarbageArgs(String message) {
            super(message, null, false, false);
        }
    }

    static int int32(XdrDecodingStream in) throws GarbageArgs {
        try {
            return in.xdrDecodeInt();
        } catch (BadXdrOncRpcException e) {
            throw new GarbageArgs("arguments truncated");
        }
    }

    static long uint32(XdrDecodingStream in) throws GarbageArgs {
        return Integer.toUnsignedLong(int32(in));
    }

    static long int64(XdrDecodingStream in) throws GarbageArgs {
        try {
            return in.xdrDecodeLong();
        } catch (BadXdrOncRpcException e) {
            throw new GarbageArgs("arguments truncated");
        }
    }

    /** Fixed-length opaque (e.g. a cookieverf3). */
    static byte[] fixed(XdrDecodingStream in, int len) throws GarbageArgs {
        byte[] bytes = new byte[len];
        try {
            in.xdrDecodeOpaque(bytes, 0, len);
        } catch (BadXdrOncRpcException e) {
            throw new GarbageArgs("arguments truncated");
        }
        return bytes;
    }

    static byte[] opaque(XdrDecodingStream in, int max) throws GarbageArgs {
        int len = int32(in);
        if (len < 0 || len > max) {
            throw new GarbageArgs("variable-length item of " + Integer.toUnsignedString(len)
                    + " bytes exceeds the limit of " + max);
        }
        return fixed(in, len);
    }

    /** An nfs_fh3. */
    static byte[] handle(XdrDecodingStream in) throws GarbageArgs {
        return opaque(in, Nfs3.FHSIZE);
    }

    /** A filename3 or dirpath, as UTF-8. */
    static String string(XdrDecodingStream in, int max) throws GarbageArgs {
        return new String(opaque(in, max), StandardCharsets.UTF_8);
    }
}
