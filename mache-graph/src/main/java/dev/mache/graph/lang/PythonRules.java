package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Python: the namespace is the dotted module path. A file inside a package (its directory has an
 * {@code __init__.py}) is named from its topmost enclosing package down ({@code src/requests/adapters.py} with
 * {@code src/requests/__init__.py} → {@code requests.adapters}); any other file by its repository path with a
 * leading {@code src/} or {@code lib/} dropped ({@code tools/gen.py} → {@code tools.gen}). {@code __init__.py}
 * names its package. Functions in a class body are methods; everything nests under its real parent.
 */
final class PythonRules extends LanguageRules {

    @Override
    String name() {
        return "python";
    }

    @Override
    List<String> extensions() {
        return List.of("py", "pyi");
    }

    @Override
    List<String> grammars() {
        return List.of("python");
    }

    @Override
    String namespace(SourceFile file, FileFacts facts) {
        return modulePath(file);
    }

    static String modulePath(SourceFile file) {
        String path = file.repoPath();
        String dir = directory(path);
        String base = path.substring(path.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        String stem = dot > 0 ? base.substring(0, dot) : base;
        List<String> parts = new ArrayList<>();
        if (!stem.equals("__init__")) parts.add(stem);
        if (isPackage(file, dir)) {
            String d = dir;
            while (!d.isEmpty() && isPackage(file, d)) {
                parts.addFirst(d.substring(d.lastIndexOf('/') + 1));
                d = directory(d);
            }
        } else {
            String d = dir;
            if (d.equals("src") || d.equals("lib")) d = "";
            else if (d.startsWith("src/") || d.startsWith("lib/")) d = d.substring(4);
            if (!d.isEmpty()) parts.addAll(0, List.of(d.split("/")));
        }
        return parts.isEmpty() ? stem : String.join(".", parts);
    }

    private static boolean isPackage(SourceFile file, String dir) {
        return file.exists().test(dir.isEmpty() ? "__init__.py" : dir + "/__init__.py");
    }

    @Override
    String group(Definition def, Definition parent) {
        if (def.kind.equals("function") && parent != null && parent.kind.equals("class")) {
            def.kind = "method";
            return "methods";
        }
        if (def.kind.equals("variable") && isConstantName(def.token)) def.kind = "constant";
        return GROUPS.get(def.kind);
    }

    static boolean isConstantName(String s) {
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLowerCase(c)) return false;
            if (Character.isLetter(c)) letter = true;
        }
        return letter;
    }

    @Override
    Set<String> wrapperTypes() {
        return Set.of("decorated_definition", "expression_statement");
    }

    @Override
    Set<String> superKeywords() {
        return Set.of("super()");
    }

    /** {@code class A(B, C):} → {@code B}. */
    @Override
    String superType(Definition type, SourceText text) {
        Node bases = field(type.node(), "superclasses");
        if (bases == null) return null;
        for (Node b : bases.getNamedChildren()) {
            if (b.getType().equals("identifier") || b.getType().equals("attribute")) return simpleTypeName(text.compact(b));
        }
        return null;
    }

    @Override
    Set<String> selfKeywords() {
        return Set.of("self", "cls");
    }

    /**
     * {@code import a.b as c, d} → {@code a.b}, {@code d}; {@code from a.b import c, d} → {@code a.b}, {@code a.b.c},
     * {@code a.b.d}; relative imports are resolved against the file's package.
     */
    @Override
    List<String> importNames(String raw, SourceFile file, FileFacts facts) {
        String s = raw.replace("\\\n", " ").replace('\n', ' ').replace("(", " ").replace(")", " ").strip();
        List<String> out = new ArrayList<>();
        if (s.startsWith("from ")) {
            int imp = s.indexOf(" import ");
            if (imp < 0) return List.of();
            String module = s.substring(5, imp).strip();
            module = absolute(module, file);
            if (module == null) return List.of();
            if (!module.isEmpty()) out.add(module);
            for (String name : s.substring(imp + 8).split(",")) {
                String n = name.strip();
                int as = n.indexOf(" as ");
                if (as >= 0) n = n.substring(0, as).strip();
                if (n.isEmpty() || n.equals("*")) continue;
                out.add(module.isEmpty() ? n : module + "." + n);
            }
        } else if (s.startsWith("import ")) {
            for (String name : s.substring(7).split(",")) {
                String n = name.strip();
                int as = n.indexOf(" as ");
                if (as >= 0) n = n.substring(0, as).strip();
                if (!n.isEmpty()) out.add(n);
            }
        }
        return out;
    }

    private static String absolute(String module, SourceFile file) {
        if (!module.startsWith(".")) return module;
        int dots = 0;
        while (dots < module.length() && module.charAt(dots) == '.') dots++;
        String rest = module.substring(dots);
        String pkg = modulePath(file);
        boolean isInit = file.repoPath().endsWith("__init__.py");
        List<String> parts = new ArrayList<>(List.of(pkg.split("\\.")));
        int up = isInit ? dots - 1 : dots;
        for (int i = 0; i < up; i++) {
            if (parts.isEmpty()) return null;
            parts.removeLast();
        }
        if (!rest.isEmpty()) parts.add(rest);
        return String.join(".", parts);
    }
}
