package dev.mache.schemas;

import org.capnproto.MessageReader;
import org.capnproto.Serialize;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes BindingRecord logs: a plain concatenation of stream-framed Cap'n Proto messages, each rooted at a
 * {@code binding.capnp} BindingRecord (the files ley-line keeps next to its database as {@code *.bindings.capnp}).
 */
public final class BindingLog {
    private BindingLog() {
    }

    /** A source position: line and column as ley-line counts them, and the byte offset. */
    public record Position(long line, long column, long byteOffset) {
    }

    /** Start inclusive, end exclusive. */
    public record Range(Position start, Position end) {
    }

    /** One resolved reference; unset text fields read as "" (Cap'n Proto defaults). */
    public record Entry(String targetNodeId, String refToken, String constructNodeId, String refSiteNodeId,
                          String refUri, Optional<Range> refRange, long parseGen, String qualifier) {
    }

    public static List<Entry> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** Every message of the stream, in order; a truncated last message is an error, not a silent drop. */
    public static List<Entry> read(InputStream in) throws IOException {
        ReadableByteChannel channel = Channels.newChannel(in);
        List<Entry> out = new ArrayList<>();
        while (true) {
            Optional<MessageReader> message = Serialize.tryRead(channel, Messages.READER_OPTIONS);
            if (message.isEmpty()) {
                return out;
            }
            out.add(decode(message.get().getRoot(Binding.BindingRecord.factory)));
        }
    }

    public static Entry decode(Binding.BindingRecord.Reader r) {
        Optional<Range> range = r.hasRefRange() ? Optional.of(range(r.getRefRange())) : Optional.empty();
        return new Entry(text(r.hasTargetNodeId(), r.getTargetNodeId()), text(r.hasRefToken(), r.getRefToken()),
                text(r.hasConstructNodeId(), r.getConstructNodeId()), text(r.hasRefSiteNodeId(), r.getRefSiteNodeId()),
                text(r.hasRefUri(), r.getRefUri()), range, r.getParseGen(), text(r.hasQualifier(), r.getQualifier()));
    }

    private static Range range(Common.Range.Reader r) {
        return new Range(position(r.hasStart(), r.getStart()), position(r.hasEnd(), r.getEnd()));
    }

    private static Position position(boolean has, Common.Position.Reader p) {
        if (!has) {
            return new Position(0, 0, 0);
        }
        return new Position(Integer.toUnsignedLong(p.getLine()), Integer.toUnsignedLong(p.getColumn()), p.getByte());
    }

    private static String text(boolean has, org.capnproto.Text.Reader t) {
        return has ? t.toString() : "";
    }

    /** Appends one record as a single-segment, stream-framed message. */
    public static void write(OutputStream out, Entry b) throws IOException {
        out.write(encode(b));
    }

    public static byte[] encode(Entry b) {
        int hint = 16 + (b.targetNodeId().length() + b.refToken().length() + b.constructNodeId().length()
                + b.refSiteNodeId().length() + b.refUri().length() + b.qualifier().length()) / 8 + 16;
        return Messages.singleSegment(hint, message -> {
            Binding.BindingRecord.Builder r = message.initRoot(Binding.BindingRecord.factory);
            // empty text stays unset (a null pointer), as ley-line writes it: the canonical form has no empty blobs
            setIfNotEmpty(b.targetNodeId(), r::setTargetNodeId);
            setIfNotEmpty(b.refToken(), r::setRefToken);
            setIfNotEmpty(b.constructNodeId(), r::setConstructNodeId);
            setIfNotEmpty(b.refSiteNodeId(), r::setRefSiteNodeId);
            setIfNotEmpty(b.refUri(), r::setRefUri);
            b.refRange().ifPresent(range -> {
                Common.Range.Builder rb = r.initRefRange();
                fill(rb.initStart(), range.start());
                fill(rb.initEnd(), range.end());
            });
            r.setParseGen(b.parseGen());
            setIfNotEmpty(b.qualifier(), r::setQualifier);
        });
    }

    private static void setIfNotEmpty(String value, java.util.function.Consumer<String> setter) {
        if (!value.isEmpty()) {
            setter.accept(value);
        }
    }

    private static void fill(Common.Position.Builder p, Position v) {
        p.setLine((int) v.line());
        p.setColumn((int) v.column());
        p.setByte(v.byteOffset());
    }

}
