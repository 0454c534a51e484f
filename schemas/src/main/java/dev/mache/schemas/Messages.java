package dev.mache.schemas;

import org.capnproto.BuilderArena;
import org.capnproto.MessageBuilder;
import org.capnproto.ReaderOptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Stream framing as ley-line producers write it: unpacked, single-segment messages. The Java runtime grows a message
 * by adding segments, so {@link #singleSegment} rebuilds once with a first segment big enough for the whole message.
 */
public final class Messages {
    /** Read limits for untrusted input: 64 Mi words traversal, the runtime's nesting limit. */
    public static final ReaderOptions READER_OPTIONS = new ReaderOptions(64L * 1024 * 1024, 64);

    private Messages() {
    }

    /** Builds a message with {@code fill}, as one segment, and returns its stream-framed bytes. */
    public static byte[] singleSegment(int wordsHint, Consumer<MessageBuilder> fill) {
        MessageBuilder message = new MessageBuilder(Math.max(wordsHint, 16), BuilderArena.AllocationStrategy.FIXED_SIZE);
        fill.accept(message);
        ByteBuffer[] segments = message.getSegmentsForOutput();
        if (segments.length > 1) {
            int words = 0;
            for (ByteBuffer s : segments) {
                words += s.remaining() / 8;
            }
            message = new MessageBuilder(words + 16, BuilderArena.AllocationStrategy.FIXED_SIZE);
            fill.accept(message);
            segments = message.getSegmentsForOutput();
        }
        return frame(segments);
    }

    /** The stream framing of a message's segments (segment count − 1, sizes, padding, then the segments). */
    public static byte[] frame(ByteBuffer[] segments) {
        int headerWords = (4 + 4 * segments.length + 7) / 8;
        int total = headerWords * 8;
        for (ByteBuffer s : segments) {
            total += s.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(segments.length - 1);
        for (ByteBuffer s : segments) {
            out.putInt(s.remaining() / 8);
        }
        out.position(headerWords * 8);
        for (ByteBuffer s : segments) {
            out.put(s.duplicate());
        }
        return out.array();
    }

    public static byte[] toBytes(MessageBuilder message) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            org.capnproto.Serialize.write(java.nio.channels.Channels.newChannel(bytes), message);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
