package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Receivers typed from what is cheap to see: this/self, super, locals, parameters, fields, constructions. */
class ReceiverTest {

    private static String calls(String path, String code) {
        StringBuilder sb = new StringBuilder();
        for (String line : Dump.references(Dump.parse(path, code)).split("\n")) {
            if (line.startsWith("call ")) sb.append(line).append('\n');
        }
        return sb.toString();
    }

    @Test
    void javaThisSuperFieldsParametersLocalsAndStatics() {
        String code = """
                class A extends Base<String> {
                    private Map<String, Item> items;
                    void f(Item p) {
                        super.f();
                        this.g();
                        items.get("x");
                        this.items.clear();
                        p.use();
                        var sb = new StringBuilder();
                        sb.append(1);
                        Collections.sort(null);
                        items.get("y").use();
                    }
                }
                """;
        assertEquals("""
                call f in f(Item) (Base)
                call g in f(Item) (A)
                call get in f(Item) (Map)
                call clear in f(Item) (Map)
                call use in f(Item) (Item)
                call append in f(Item) (StringBuilder)
                call sort in f(Item) (Collections)
                call get in f(Item) (Map)
                call use in f(Item) (Map.get())
                """, calls("A.java", code));
    }

    @Test
    void pythonSelfSuperAnnotationsAndConstructions() {
        String code = """
                class A(Base):
                    def __init__(self, repo: Repo):
                        super().__init__()
                        self.cache = Cache()
                        repo.load()

                    def f(self):
                        self.cache.get(1)
                        x = Parser()
                        x.parse()
                """;
        assertEquals("""
                call super in __init__
                call __init__ in __init__ (Base)
                call Cache in __init__
                call load in __init__ (Repo)
                call get in f (Cache)
                call Parser in f
                call parse in f (Parser)
                """, calls("a.py", code));
    }

    @Test
    void goReceiversAndLocals() {
        String code = """
                package m
                func (s *Server) Run(c *Conn) {
                    s.stop()
                    c.Close()
                    b := &Buffer{}
                    b.Reset()
                    var w Writer
                    w.Flush()
                    fmt.Println()
                }
                """;
        assertEquals("""
                call stop in Server.Run (Server)
                call Close in Server.Run (Conn)
                call Reset in Server.Run (Buffer)
                call Flush in Server.Run (Writer)
                call Println in Server.Run (fmt)
                """, calls("m.go", code));
    }

    @Test
    void typescriptParameterPropertiesAndSuper() {
        String code = """
                class A extends Base {
                  constructor(private repo: Repo) { super(); }
                  f(x: Item) { super.f(); this.repo.find(); x.use(); const m = new Map(); m.set(1, 2); }
                }
                """;
        assertEquals("""
                call f in f (Base)
                call find in f (Repo)
                call use in f (Item)
                call set in f (Map)
                """, calls("a.ts", code));
    }

    @Test
    void rustSelfFieldsFromTheStructAndPaths() {
        String code = """
                struct S { buf: Vec<u8> }
                impl S {
                    fn f(&self, o: &Other) {
                        self.buf.push(1);
                        self.g();
                        o.h();
                        let p = Point::new();
                        p.norm();
                        Point::origin();
                    }
                }
                """;
        assertEquals("""
                call push in f (Vec)
                call g in f (S)
                call h in f (Other)
                call new in f (Point)
                call norm in f (Point)
                call origin in f (Point)
                """, calls("src/lib.rs", code));
    }

    @Test
    void cppImplicitMembersOfOutOfLineMethods() {
        String code = """
                class Vec { Buffer* buf_; void f(); };
                void Vec::f() { buf_->flush(); this->g(); std::sort(); }
                """;
        assertEquals("""
                call flush in Vec::f() (Buffer)
                call g in Vec::f() (Vec)
                call sort in Vec::f() (std)
                """, calls("v.cpp", code));
    }
}
