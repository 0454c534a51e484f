package dev.mache.vfs.nfs;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** RPC over a bare socket, for sending what no well-behaved client library would (RFC 5531 by hand). */
final class RawRpc implements AutoCloseable {

    /** What came back: a reply, or the server closed the connection. */
    record Reply(int xid, int replyStat, int acceptOrRejectStat, int authStat, ByteBuffer body) { }

    static final int MSG_ACCEPTED = 0, MSG_DENIED = 1;
    static final int SUCCESS = 0, PROG_UNAVAIL = 1, PROC_UNAVAIL = 3, GARBAGE_ARGS = 4;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawRpc(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A call header with AUTH_SYS (or another flavour with an opaque body) and an AUTH_NONE verifier. */
    static ByteBuffer call(int xid, int prog, int vers, int proc, int flavour, byte[] credBody) {
        ByteBuffer b = ByteBuffer.allocate(64 + credBody.length + 4096);
        b.putInt(xid).putInt(0).putInt(2).putInt(prog).putInt(vers).putInt(proc);
        b.putInt(flavour).putInt(credBody.length).put(credBody);
        pad(b, credBody.length);
        b.putInt(0).putInt(0);
        return b;
    }

    static ByteBuffer nfsCall(int xid, int proc) {
        return call(xid, Nfs3.PROGRAM, Nfs3.VERSION, proc, Nfs3.AUTH_SYS, authSys("raw", 0, 0));
    }

    static byte[] authSys(String machine, int uid, int gid) {
        byte[] name = machine.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(20 + ((name.length + 3) & ~3));
        b.putInt(0).putInt(name.length).put(name);
        pad(b, name.length);
        b.putInt(uid).putInt(gid).putInt(0);
        return b.array();
    }

    static void pad(ByteBuffer b, int len) {
        for (int i = len; (i & 3) != 0; i++) {
            b.put((byte) 0);
        }
    }

    static void opaque(ByteBuffer b, byte[] bytes) {
        b.putInt(bytes.length).put(bytes);
        pad(b, bytes.length);
    }

    /** Sends one record (a single last fragment) holding {@code message}'s bytes up to its position. */
    void send(ByteBuffer message) throws IOException {
        byte[] body = java.util.Arrays.copyOf(message.array(), message.position());
        sendRaw(ByteBuffer.allocate(4).putInt(0x80000000 | body.length).array());
        sendRaw(body);
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next reply, or null if the server closed the connection. */
    Reply receive() throws IOException {
        int marker;
        try {
            marker = in.readInt();
        } catch (EOFException closed) {
            return null;
        } catch (java.net.SocketException reset) {
            return null;
        }
        byte[] body = new byte[marker & 0x7fffffff];
        in.readFully(body);
        ByteBuffer b = ByteBuffer.wrap(body);
        int xid = b.getInt();
        b.getInt(); // REPLY
        int replyStat = b.getInt();
        if (replyStat == MSG_DENIED) {
            int reject = b.getInt();
            int auth = b.remaining() >= 4 ? b.getInt() : -1;
            return new Reply(xid, replyStat, reject, auth, b.slice());
        }
        b.getInt(); // verifier flavour
        int verfLength = b.getInt();
        b.position(b.position() + ((verfLength + 3) & ~3));
        int accept = b.getInt();
        return new Reply(xid, replyStat, accept, -1, b.slice());
    }

    /** True when the server closes the connection (rather than answering) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            return receive() == null;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
