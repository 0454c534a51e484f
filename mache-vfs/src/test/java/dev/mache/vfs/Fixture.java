package dev.mache.vfs;

/** A small projected tree: two Java namespaces, a Go package, files/, and the reference edges between them. */
public final class Fixture {
    public static final String AL = "java/java.util/classes/ArrayList";
    public static final String ADD_E = AL + "/methods/add(E)";
    public static final String ADD_INT_E = AL + "/methods/add(int,E)";
    public static final String SIZE = AL + "/methods/size()";
    public static final String MAIN = "java/com.example/classes/Main/methods/main(String[])";
    public static final String A_CLASS_F = "java/p/classes/A/methods/f()";
    public static final String A_IFACE_F = "java/p/interfaces/A/methods/f()";
    public static final String OPEN = "go/internal.graph/functions/Open";
    public static final String INIT = "go/internal.graph/functions/init";
    public static final String INIT2 = "go/internal.graph/functions/init~2";
    public static final String LONG = "java/com.example.deeply.nested.pkg/classes/AVeryLongClassNameIndeed/methods/"
            + "compute(java.util.Map<String,Integer>)";
    public static final long T_AL = 1_650_000_000_000_000_000L;
    public static final long T_MAIN = 1_660_000_000_000_000_000L;
    public static final long T_GO = 1_670_000_000_000_000_000L;
    public static final long COMMIT = 1_700_000_000_123_456_789L;

    private Fixture() {
    }

    /** The fixture with the long-named construct (which reaches every handle kind). */
    public static MemoryGraph.Builder builder() {
        return withoutLong()
                .construct(LONG, "int compute(java.util.Map<String,Integer> m) { return f(); }\n", T_MAIN)
                .def("compute", LONG)
                .ref("f", LONG)
                .call(LONG, A_CLASS_F).call(LONG, A_IFACE_F);
    }

    /** The same tree after the long-named construct was deleted. */
    public static MemoryGraph.Builder withoutLong() {
        return new MemoryGraph.Builder()
                .commitNanos(COMMIT)
                .construct(AL, "public class ArrayList<E> {}\n", T_AL)
                .construct(ADD_E, "public boolean add(E e) { add(size, e); return true; }\n", T_AL)
                .construct(ADD_INT_E, "public void add(int index, E e) {}\n", T_AL)
                .construct(SIZE, "public int size() { return size; }\n", T_AL)
                .construct("java/com.example/classes/Main", "class Main {}\n", T_MAIN)
                .construct(MAIN, "static void main(String[] a) { list.add(1); list.add(0, 2); list.size(); }\n",
                        T_MAIN)
                .construct(A_CLASS_F, "void f() {}\n", T_MAIN)
                .construct(A_IFACE_F, "void f();\n", T_MAIN)
                .construct("java/p/classes/A", "class A {}\n", T_MAIN)
                .construct("java/p/interfaces/A", "interface A {}\n", T_MAIN)
                .construct(OPEN, "func Open() {}\n", T_GO)
                .construct(INIT, "func init() { Open() }\n", T_GO)
                .construct(INIT2, "func init() {}\n", T_GO)
                .file("files/src/Main.java", "class Main {}\n", T_MAIN)
                .file("files/src/util/ArrayList.java", "public class ArrayList<E> {}\n", T_AL)
                .def("ArrayList", AL)
                .def("add", ADD_E).def("add", ADD_INT_E)
                .def("size", SIZE)
                .def("main", MAIN)
                .def("f", A_CLASS_F).def("f", A_IFACE_F)
                .def("Open", OPEN)
                .def("init", INIT).def("init", INIT2)
                .def("a/b", OPEN)
                .ref("add", MAIN).ref("add", ADD_E)
                .ref("size", MAIN).ref("size", ADD_E)
                .ref("Open", INIT)
                .call(MAIN, ADD_E).call(MAIN, ADD_INT_E).call(MAIN, SIZE)
                .call(ADD_E, ADD_INT_E).call(ADD_E, SIZE).call(ADD_E, ADD_E)
                .call(INIT, OPEN);
    }
}
