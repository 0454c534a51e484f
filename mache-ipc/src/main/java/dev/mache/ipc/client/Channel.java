package dev.mache.ipc.client;

import dev.mache.ipc.ProtocolException;
import dev.mache.ipc.Request;
import dev.mache.ipc.Response;
import dev.mache.ipc.capnp.CapnpCodec;
import dev.mache.ipc.capnp.Frames;
import dev.mache.ipc.json.JsonCodec;
import org.capnproto.MessageReader;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** One connection to a daemon, speaking one codec; requests are answered in order, one at a time. */
final class Channel implements Closeable {
    /** The largest response mache's client accepts (a whole-graph map or a big file). */
    static final long MAX_RESPONSE_BYTES = 1L << 30;

    final boolean binary;
    Dialect dialect;
    private final AFUNIXSocket socket;
    private final InputStream in;
    private final OutputStream out;

    /** What the daemon at the other end is; decided by the leyline_version handshake. */
    enum Dialect {
        /** mache's daemon: serves mache's own ops too. */
        MACHE,
        /** a ley-line daemon (or anything else that speaks the protocol): mache-only ops are emulated. */
        LEYLINE
    }

    private Channel(AFUNIXSocket socket, boolean binary, Dialect dialect) throws IOException {
        this.socket = socket;
        this.binary = binary;
        this.dialect = dialect;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    /** Connects and runs the handshake: refuses a daemon whose wire_format_major is not 1. */
    static Channel open(Path path, boolean binary, Duration timeout) throws IOException {
        AFUNIXSocket socket = AFUNIXSocket.newInstance();
        try {
            socket.connect(AFUNIXSocketAddress.of(path), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            Channel probe = new Channel(socket, binary, Dialect.LEYLINE);
            Response r = probe.call(new Request.Version());
            Dialect dialect = switch (r) {
                case Response.Version v when v.wireFormatMajor() != 1 -> throw new IncompatibleDaemonException(
                        "daemon at " + path + " speaks wire format " + v.wireFormatMajor() + "; mache speaks 1");
                case Response.Version v -> "mache".equals(v.server()) ? Dialect.MACHE : Dialect.LEYLINE;
                // an older daemon without the op: tolerated, treated as ley-line
                case Response.Failure f -> Dialect.LEYLINE;
                default -> Dialect.LEYLINE;
            };
            probe.dialect = dialect;
            return probe;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Thrown for a daemon mache must not talk to. */
    static final class IncompatibleDaemonException extends IOException {
        IncompatibleDaemonException(String message) {
            super(message);
        }
    }

    /** Requests sent without waiting for their answer ({@link #send}); read and dropped before the next call. */
    private final java.util.ArrayDeque<Request> unanswered = new java.util.ArrayDeque<>();

    /**
     * Sends a request whose answer nobody needs now (releasing a pinned snapshot), saving a round trip: the answer
     * is read and dropped at the start of the next {@link #call}.
     */
    synchronized void send(Request request) throws IOException {
        write(request);
        unanswered.add(request);
    }

    synchronized Response call(Request request) throws IOException {
        while (!unanswered.isEmpty()) {
            Response dropped = receive(unanswered.poll());
            if (dropped instanceof Response.Failure f) {
                throw new IOException("daemon refused a pipelined request: " + f.message());
            }
        }
        write(request);
        return receive(request);
    }

    private void write(Request request) throws IOException {
        if (binary) {
            out.write(CapnpCodec.encodeRequest(request));
        } else {
            out.write((JsonCodec.encodeRequest(request) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private Response receive(Request request) throws IOException {
        try {
            if (binary) {
                MessageReader m = Frames.read(in, MAX_RESPONSE_BYTES);
                if (m == null) {
                    throw new EOFException("daemon closed the connection");
                }
                return CapnpCodec.decodeResponse(request, m);
            }
            while (true) {
                String line = readLine();
                if (line == null) {
                    throw new EOFException("daemon closed the connection");
                }
                if (!line.isBlank()) {
                    return JsonCodec.decodeResponse(request, line);
                }
            }
        } catch (ProtocolException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        byte[] chunk = new byte[8192];
        while (true) {
            in.mark(chunk.length);
            int n = in.read(chunk);
            if (n < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            for (int i = 0; i < n; i++) {
                if (chunk[i] == '\n') {
                    line.write(chunk, 0, i);
                    in.reset();
                    in.skipNBytes(i + 1);
                    return line.toString(StandardCharsets.UTF_8);
                }
            }
            line.write(chunk, 0, n);
            if (line.size() > MAX_RESPONSE_BYTES) {
                throw new IOException("daemon response exceeds " + MAX_RESPONSE_BYTES + " bytes");
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
