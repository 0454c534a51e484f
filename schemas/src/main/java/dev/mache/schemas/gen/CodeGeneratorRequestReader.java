package dev.mache.schemas.gen;

import org.capnproto.SegmentReader;
import org.capnproto.StructFactory;
import org.capnproto.StructList;
import org.capnproto.StructReader;
import org.capnproto.StructSize;
import org.capnproto.Text;

/**
 * Just enough of capnp's own {@code schema.capnp} to read a {@code CodeGeneratorRequest}: nodes, struct fields and
 * their types. Offsets come from {@code capnp compile -ocapnp schema.capnp} (capnp 0.9.2). The Java runtime ships no
 * schema classes, so the generator bootstraps with these.
 */
final class CodeGeneratorRequestReader {
    private CodeGeneratorRequestReader() {
    }

    /** A read-only struct factory; the generator never builds schema messages. */
    abstract static class ReaderFactory<R extends StructReader> extends StructFactory<org.capnproto.StructBuilder, R> {
        private final StructSize size;

        ReaderFactory(int dataWords, int pointers) {
            this.size = new StructSize((short) dataWords, (short) pointers);
        }

        @Override
        public org.capnproto.StructBuilder constructBuilder(org.capnproto.SegmentBuilder segment, int data, int pointers, int dataSize,
                                     short pointerCount) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public StructSize structSize() {
            return size;
        }

        @Override
        public R asReader(org.capnproto.StructBuilder builder) {
            throw new UnsupportedOperationException("read-only");
        }
    }

    static final class Request extends StructReader {
        static final ReaderFactory<Request> FACTORY = new ReaderFactory<>(0, 4) {
            @Override
            public Request constructReader(SegmentReader s, int d, int p, int ds, short pc, int nl) {
                return new Request(s, d, p, ds, pc, nl);
            }
        };

        Request(SegmentReader s, int d, int p, int ds, short pc, int nl) {
            super(s, d, p, ds, pc, nl);
        }

        StructList.Reader<SchemaNode> nodes() {
            return _getPointerField(SchemaNode.LIST, 0, null, 0);
        }

        StructList.Reader<RequestedFile> requestedFiles() {
            return _getPointerField(RequestedFile.LIST, 1, null, 0);
        }
    }

    static final class RequestedFile extends StructReader {
        static final ReaderFactory<RequestedFile> FACTORY = new ReaderFactory<>(1, 2) {
            @Override
            public RequestedFile constructReader(SegmentReader s, int d, int p, int ds, short pc, int nl) {
                return new RequestedFile(s, d, p, ds, pc, nl);
            }
        };
        static final StructList.Factory<org.capnproto.StructBuilder, RequestedFile> LIST = new StructList.Factory<>(FACTORY);

        RequestedFile(SegmentReader s, int d, int p, int ds, short pc, int nl) {
            super(s, d, p, ds, pc, nl);
        }

        long id() {
            return _getLongField(0);
        }

        String filename() {
            return _getPointerField(Text.factory, 0, null, 0, 0).toString();
        }
    }

    static final class SchemaNode extends StructReader {
        static final int FILE = 0;
        static final int STRUCT = 1;
        static final ReaderFactory<SchemaNode> FACTORY = new ReaderFactory<>(5, 6) {
            @Override
            public SchemaNode constructReader(SegmentReader s, int d, int p, int ds, short pc, int nl) {
                return new SchemaNode(s, d, p, ds, pc, nl);
            }
        };
        static final StructList.Factory<org.capnproto.StructBuilder, SchemaNode> LIST = new StructList.Factory<>(FACTORY);

        SchemaNode(SegmentReader s, int d, int p, int ds, short pc, int nl) {
            super(s, d, p, ds, pc, nl);
        }

        long id() {
            return _getLongField(0);
        }

        String displayName() {
            return _getPointerField(Text.factory, 0, null, 0, 0).toString();
        }

        long scopeId() {
            return _getLongField(2);
        }

        /** The union tag: 0 file, 1 struct, 2 enum, 3 interface, 4 const, 5 annotation. */
        int which() {
            return _getShortField(6);
        }

        StructList.Reader<NestedNode> nestedNodes() {
            return _getPointerField(NestedNode.LIST, 1, null, 0);
        }

        int dataWordCount() {
            return _getShortField(7) & 0xFFFF;
        }

        int pointerCount() {
            return _getShortField(12) & 0xFFFF;
        }

        boolean isGroup() {
            return _getBooleanField(224);
        }

        int discriminantCount() {
            return _getShortField(15) & 0xFFFF;
        }

        StructList.Reader<Field> fields() {
            return _getPointerField(Field.LIST, 3, null, 0);
        }
    }

    static final class NestedNode extends StructReader {
        static final ReaderFactory<NestedNode> FACTORY = new ReaderFactory<>(1, 1) {
            @Override
            public NestedNode constructReader(SegmentReader s, int d, int p, int ds, short pc, int nl) {
                return new NestedNode(s, d, p, ds, pc, nl);
            }
        };
        static final StructList.Factory<org.capnproto.StructBuilder, NestedNode> LIST = new StructList.Factory<>(FACTORY);

        NestedNode(SegmentReader s, int d, int p, int ds, short pc, int nl) {
            super(s, d, p, ds, pc, nl);
        }

        String name() {
            return _getPointerField(Text.factory, 0, null, 0, 0).toString();
        }

        long id() {
            return _getLongField(0);
        }
    }

    static final class Field extends StructReader {
        static final int SLOT = 0;
        static final ReaderFactory<Field> FACTORY = new ReaderFactory<>(3, 4) {
            @Override
            public Field constructReader(SegmentReader s, int d, int p, int ds, short pc, int nl) {
                return new Field(s, d, p, ds, pc, nl);
            }
        };
        static final StructList.Factory<org.capnproto.StructBuilder, Field> LIST = new StructList.Factory<>(FACTORY);

        Field(SegmentReader s, int d, int p, int ds, short pc, int nl) {
            super(s, d, p, ds, pc, nl);
        }

        String name() {
            return _getPointerField(Text.factory, 0, null, 0, 0).toString();
        }

        int codeOrder() {
            return _getShortField(0) & 0xFFFF;
        }

        int discriminantValue() {
            return (_getShortField(1) ^ (short) 0xFFFF) & 0xFFFF;
        }

        /** 0 slot, 1 group. */
        int which() {
            return _getShortField(4);
        }

        long offset() {
            return _getIntField(1) & 0xFFFFFFFFL;
        }

        Type type() {
            return _getPointerField(Type.FACTORY, 2, null, 0);
        }

        boolean hadExplicitDefault() {
            return _getBooleanField(128);
        }

        int ordinal() {
            return _getShortField(6) & 0xFFFF;
        }
    }

    static final class Type extends StructReader {
        static final int BOOL = 1, INT8 = 2, INT16 = 3, INT32 = 4, INT64 = 5, UINT8 = 6, UINT16 = 7, UINT32 = 8,
                UINT64 = 9, FLOAT32 = 10, FLOAT64 = 11, TEXT = 12, DATA = 13, LIST = 14, ENUM = 15, STRUCT = 16;
        static final ReaderFactory<Type> FACTORY = new ReaderFactory<>(3, 1) {
            @Override
            public Type constructReader(SegmentReader s, int d, int p, int ds, short pc, int nl) {
                return new Type(s, d, p, ds, pc, nl);
            }
        };

        Type(SegmentReader s, int d, int p, int ds, short pc, int nl) {
            super(s, d, p, ds, pc, nl);
        }

        int which() {
            return _getShortField(0);
        }

        Type elementType() {
            return _getPointerField(FACTORY, 0, null, 0);
        }

        long typeId() {
            return _getLongField(1);
        }
    }
}
