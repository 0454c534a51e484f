package dev.mache.ipc.capnp;

import dev.mache.schemas.Messages;
import org.capnproto.MessageReader;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads stream-framed Cap'n Proto messages from a socket with a size limit checked before anything is allocated, so
 * a hostile header cannot make the reader allocate gigabytes.
 */
public final class Frames {
    /** The most segments mache accepts in one message (its own writers always send one). */
    public static final int MAX_SEGMENTS = 64;

    private Frames() {
    }

    /** A message larger than the limit, or a header that cannot be a message. */
    public static final class BadFrameException extends IOException {
        public BadFrameException(String message) {
            super(message);
        }
    }

    /** The next message, or null at a clean end of stream (before its first byte). */
    public static MessageReader read(InputStream in, long maxBytes) throws IOException {
        byte[] first = new byte[4];
        int n = in.readNBytes(first, 0, 4);
        if (n == 0) {
            return null;
        }
        if (n < 4) {
            throw new EOFException("truncated message header");
        }
        long segments = (ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL) + 1;
        if (segments > MAX_SEGMENTS) {
            throw new BadFrameException("message header declares " + segments + " segments (at most "
                    + MAX_SEGMENTS + ")");
        }
        int sizeBytes = (int) (4 * segments + (segments % 2 == 0 ? 4 : 0));
        byte[] sizes = in.readNBytes(sizeBytes);
        if (sizes.length < sizeBytes) {
            throw new EOFException("truncated message header");
        }
        ByteBuffer sb = ByteBuffer.wrap(sizes).order(ByteOrder.LITTLE_ENDIAN);
        long[] words = new long[(int) segments];
        long total = 0;
        for (int i = 0; i < segments; i++) {
            words[i] = sb.getInt() & 0xFFFFFFFFL;
            total += words[i] * 8;
        }
        if (total > maxBytes) {
            throw new BadFrameException("message of " + total + " bytes exceeds the limit of " + maxBytes);
        }
        byte[] body = in.readNBytes((int) total);
        if (body.length < total) {
            throw new EOFException("truncated message");
        }
        ByteBuffer all = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer[] segs = new ByteBuffer[(int) segments];
        int pos = 0;
        for (int i = 0; i < segments; i++) {
            int len = (int) (words[i] * 8);
            segs[i] = all.slice(pos, len).order(ByteOrder.LITTLE_ENDIAN);
            pos += len;
        }
        return new MessageReader(segs, Messages.READER_OPTIONS);
    }

    public static void write(OutputStream out, byte[] framed) throws IOException {
        out.write(framed);
    }
}
