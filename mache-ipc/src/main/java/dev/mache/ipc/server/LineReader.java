package dev.mache.ipc.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A buffered socket reader that can peek the first byte (to pick the codec) and read newline-terminated lines with a
 * length cap: a longer line is reported, not accumulated, so a client cannot make the daemon run out of memory.
 */
final class LineReader extends InputStream {
    /** Returned by {@link #readLine} for a line over the cap. */
    static final String TOO_LONG = new String("<too long>");

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    private byte[] line = new byte[1024];

    LineReader(InputStream in) {
        this.in = in;
    }

    private boolean fill() throws IOException {
        if (pos < lim) {
            return true;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    /** The next byte without consuming it, or -1 at end of stream. */
    int peek() throws IOException {
        return fill() ? buf[pos] & 0xFF : -1;
    }

    /**
     * The next line without its terminator (a trailing CR is dropped too); null at end of stream; {@link #TOO_LONG}
     * once more than {@code max} bytes arrived without a newline (the connection is not usable after that).
     */
    String readLine(int max) throws IOException {
        int len = 0;
        while (true) {
            if (!fill()) {
                return len == 0 ? null : decode(len); // a last line without newline still counts
            }
            int start = pos;
            while (pos < lim && buf[pos] != '\n') {
                pos++;
            }
            int chunk = pos - start;
            if (len + chunk > max) {
                return TOO_LONG;
            }
            if (len + chunk > line.length) {
                line = Arrays.copyOf(line, Math.min(Math.max(line.length * 2, len + chunk), max));
            }
            System.arraycopy(buf, start, line, len, chunk);
            len += chunk;
            if (pos < lim) {
                pos++; // the newline
                return decode(len);
            }
        }
    }

    private String decode(int len) {
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        String s = new String(line, 0, len, StandardCharsets.UTF_8);
        if (line.length > 64 * 1024) {
            line = new byte[1024]; // don't keep a huge buffer for an idle connection
        }
        return s;
    }

    @Override
    public int read() throws IOException {
        return fill() ? buf[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        if (pos < lim) {
            int k = Math.min(n, lim - pos);
            System.arraycopy(buf, pos, b, off, k);
            pos += k;
            return k;
        }
        if (n >= buf.length) {
            return in.read(b, off, n);
        }
        return fill() ? read(b, off, n) : -1;
    }
}
