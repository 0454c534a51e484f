package dev.mache.vfs.nfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dcache.oncrpc4j.rpc.OncRpcClient;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeUnix;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcTransport;
import org.dcache.oncrpc4j.rpc.net.IpProtocolType;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** A test-only NFSv3/MOUNTv3 client on oncrpc4j's client side, decoding exactly what RFC 1813 says is there. */
public final class NfsRpcClient implements AutoCloseable {

    interface Encoder {
        void encode(XdrEncodingStream out);
    }

    interface Decoder<T> {
        T decode(XdrDecodingStream in) throws IOException;
    }

    record Time(int seconds, int nanos) { }

    record Attr(int type, int mode, int nlink, int uid, int gid, long size, long used, long fsid, long fileId,
                Time atime, Time mtime, Time ctime) { }

    record DirEntry(long fileId, String name, long cookie, Attr attr, byte[] handle) { }

    record DirPage(int status, List<DirEntry> entries, boolean eof, int encodedSize) { }

    public record Status<T>(int status, T value) { }

    private final OncRpcClient client;
    private final RpcCall nfs;
    private final RpcCall mount;

    public NfsRpcClient(int port) {
        try {
            client = new OncRpcClient(InetAddress.getLoopbackAddress(), IpProtocolType.TCP, port);
            RpcTransport transport = client.connect();
            RpcAuthTypeUnix auth = new RpcAuthTypeUnix(1000, 1000, new int[] {1000}, 0, "nfs-test");
            nfs = new RpcCall(Nfs3.PROGRAM, Nfs3.VERSION, auth, transport);
            mount = new RpcCall(Nfs3.MOUNT_PROGRAM, Nfs3.MOUNT_VERSION, auth, transport);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T nfs(int proc, Encoder args, Decoder<T> result) throws IOException {
        return call(nfs, proc, args, result);
    }

    <T> T mount(int proc, Encoder args, Decoder<T> result) throws IOException {
        return call(mount, proc, args, result);
    }

    private static <T> T call(RpcCall rpc, int proc, Encoder args, Decoder<T> result) throws IOException {
        var holder = new Object() {
            T value;
        };
        XdrAble in = new XdrAble() {
            @Override
            public void xdrDecode(XdrDecodingStream xdr) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void xdrEncode(XdrEncodingStream xdr) {
                args.encode(xdr);
            }
        };
        XdrAble out = new XdrAble() {
            @Override
            public void xdrDecode(XdrDecodingStream xdr) throws IOException {
                holder.value = result.decode(xdr);
            }

            @Override
            public void xdrEncode(XdrEncodingStream xdr) {
                throw new UnsupportedOperationException();
            }
        };
        try {
            rpc.call(proc, in, out, 30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no reply to proc " + proc, e);
        }
        return holder.value;
    }

    // ---- MOUNT

    /** MNT: the status and, when MNT3_OK, the handle. */
    Status<byte[]> mnt(String path) throws IOException {
        return mount(Nfs3.MNT, out -> out.xdrEncodeString(path), in -> {
            int status = in.xdrDecodeInt();
            if (status != 0) {
                return new Status<>(status, null);
            }
            byte[] fh = in.xdrDecodeDynamicOpaque();
            int flavours = in.xdrDecodeInt();
            for (int i = 0; i < flavours; i++) {
                in.xdrDecodeInt();
            }
            return new Status<>(0, fh);
        });
    }

    byte[] root() throws IOException {
        return mnt("/").value();
    }

    // ---- NFS

    static Attr attr(XdrDecodingStream in) throws IOException {
        return new Attr(in.xdrDecodeInt(), in.xdrDecodeInt(), in.xdrDecodeInt(), in.xdrDecodeInt(),
                in.xdrDecodeInt(), in.xdrDecodeLong(), in.xdrDecodeLong(), skipRdev(in), in.xdrDecodeLong(),
                time(in), time(in), time(in));
    }

    private static long skipRdev(XdrDecodingStream in) throws IOException {
        in.xdrDecodeInt();
        in.xdrDecodeInt();
        return in.xdrDecodeLong(); // fsid
    }

    static Time time(XdrDecodingStream in) throws IOException {
        return new Time(in.xdrDecodeInt(), in.xdrDecodeInt());
    }

    static Attr postOp(XdrDecodingStream in) throws IOException {
        return in.xdrDecodeBoolean() ? attr(in) : null;
    }

    /** wcc_data: returns the post-operation attributes (after checking pre == post when both are present). */
    static Attr wcc(XdrDecodingStream in) throws IOException {
        long preSize = -1;
        Time preMtime = null;
        if (in.xdrDecodeBoolean()) {
            preSize = in.xdrDecodeLong();
            preMtime = time(in);
            time(in);
        }
        Attr post = postOp(in);
        if (post != null && preMtime != null && (post.size() != preSize || !post.mtime().equals(preMtime))) {
            throw new IOException("wcc_data before and after differ on a refused change");
        }
        return post;
    }

    Status<Attr> getattr(byte[] fh) throws IOException {
        return nfs(Nfs3.GETATTR, out -> out.xdrEncodeDynamicOpaque(fh), in -> {
            int status = in.xdrDecodeInt();
            return new Status<>(status, status == 0 ? attr(in) : null);
        });
    }

    Status<byte[]> lookup(byte[] dir, String name) throws IOException {
        return nfs(Nfs3.LOOKUP, out -> {
            out.xdrEncodeDynamicOpaque(dir);
            out.xdrEncodeString(name);
        }, in -> {
            int status = in.xdrDecodeInt();
            if (status != 0) {
                postOp(in);
                return new Status<>(status, null);
            }
            byte[] fh = in.xdrDecodeDynamicOpaque();
            postOp(in);
            postOp(in);
            return new Status<>(0, fh);
        });
    }

    public byte[] walk(String path) throws IOException {
        byte[] fh = root();
        if (!path.isEmpty()) {
            for (String name : path.split("/")) {
                Status<byte[]> s = lookup(fh, name);
                if (s.status() != 0) {
                    throw new IOException("LOOKUP " + name + " of " + path + ": " + s.status());
                }
                fh = s.value();
            }
        }
        return fh;
    }

    Status<String> readlink(byte[] fh) throws IOException {
        return nfs(Nfs3.READLINK, out -> out.xdrEncodeDynamicOpaque(fh), in -> {
            int status = in.xdrDecodeInt();
            postOp(in);
            return new Status<>(status, status == 0 ? in.xdrDecodeString() : null);
        });
    }

    public Status<byte[]> read(byte[] fh, long offset, int count) throws IOException {
        return nfs(Nfs3.READ, out -> {
            out.xdrEncodeDynamicOpaque(fh);
            out.xdrEncodeLong(offset);
            out.xdrEncodeInt(count);
        }, in -> {
            int status = in.xdrDecodeInt();
            postOp(in);
            if (status != 0) {
                return new Status<>(status, null);
            }
            int n = in.xdrDecodeInt();
            in.xdrDecodeBoolean();
            byte[] data = in.xdrDecodeDynamicOpaque();
            if (n != data.length) {
                throw new IOException("READ count " + n + " but " + data.length + " bytes");
            }
            return new Status<>(0, data);
        });
    }

    DirPage readdir(byte[] dir, long cookie, int count) throws IOException {
        return nfs(Nfs3.READDIR, out -> {
            out.xdrEncodeDynamicOpaque(dir);
            out.xdrEncodeLong(cookie);
            out.xdrEncodeLong(0x1234); // any verifier: the server is lenient
            out.xdrEncodeInt(count);
        }, in -> page(in, false));
    }

    DirPage readdirplus(byte[] dir, long cookie, int dircount, int maxcount) throws IOException {
        return nfs(Nfs3.READDIRPLUS, out -> {
            out.xdrEncodeDynamicOpaque(dir);
            out.xdrEncodeLong(cookie);
            out.xdrEncodeLong(0);
            out.xdrEncodeInt(dircount);
            out.xdrEncodeInt(maxcount);
        }, in -> page(in, true));
    }

    /** Decodes a READDIR(PLUS)3res and recomputes its encoded size (status word included). */
    private static DirPage page(XdrDecodingStream in, boolean plus) throws IOException {
        int status = in.xdrDecodeInt();
        Attr dirAttr = postOp(in);
        if (status != 0) {
            return new DirPage(status, List.of(), false, 0);
        }
        in.xdrDecodeLong(); // verifier
        int size = 4 + 4 + (dirAttr == null ? 0 : Nfs3.FATTR3_SIZE) + 8;
        List<DirEntry> entries = new ArrayList<>();
        while (in.xdrDecodeBoolean()) {
            long fileId = in.xdrDecodeLong();
            byte[] name = in.xdrDecodeDynamicOpaque();
            long cookie = in.xdrDecodeLong();
            size += 4 + 8 + Nfs3.opaqueSize(name.length) + 8;
            Attr attr = null;
            byte[] fh = null;
            if (plus) {
                attr = postOp(in);
                size += 4 + (attr == null ? 0 : Nfs3.FATTR3_SIZE);
                if (in.xdrDecodeBoolean()) {
                    fh = in.xdrDecodeDynamicOpaque();
                    size += 4 + Nfs3.opaqueSize(fh.length);
                } else {
                    size += 4;
                }
            }
            entries.add(new DirEntry(fileId, new String(name, StandardCharsets.UTF_8), cookie, attr, fh));
        }
        boolean eof = in.xdrDecodeBoolean();
        size += 4 + 4;
        return new DirPage(status, entries, eof, size);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
