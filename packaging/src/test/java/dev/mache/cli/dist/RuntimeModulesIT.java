package dev.mache.cli.dist;

import dev.mache.cli.dist.Dist.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jlink'd runtime has every JDK module mache's own code needs (jdeps over mache.jar and the mache-* jars), so
 * a new use of, say, java.net.http fails here rather than at a user's. (The third-party jars were checked when the
 * list in build-dist.sh was made; jdeps over all of them takes half a minute or more.)
 */
@Tag("dist") // never run by surefire (before `package`), even when -Dtest matches it
class RuntimeModulesIT {
    @Test
    void runtimeHoldsEveryModuleMachesCodeNeeds() throws IOException {
        Path lib = Dist.staged().resolve("lib");
        // -s: one line per jar and dependence ("mache.jar -> java.base"), without analysing the other jars
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jdeps").toString(),
                "--multi-release", "25", "-s"));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "mache*.jar")) {
            jars.forEach(j -> command.add(j.toString()));
        }
        Result jdeps = Dist.run(command.toArray(String[]::new));
        assertEquals(0, jdeps.status(), jdeps.both());
        Set<String> needed = new TreeSet<>();
        Matcher dep = Pattern.compile("(?m) -> ((?:java|jdk)\\.[a-z.]+)$").matcher(jdeps.output());
        while (dep.find()) {
            needed.add(dep.group(1));
        }
        assertTrue(needed.contains("java.sql"), jdeps.output());

        String release = Files.readString(Dist.staged().resolve("runtime/release"));
        Matcher m = Pattern.compile("(?m)^MODULES=\"([^\"]*)\"$").matcher(release);
        assertTrue(m.find(), release);
        Set<String> present = new TreeSet<>(List.of(m.group(1).split(" ")));
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(present);
        assertEquals(Set.of(), missing, "modules mache needs but the runtime lacks (add them to MODULES in "
                + "src/dist/build-dist.sh); needed " + needed + ", present " + present);
        assertTrue(present.contains("java.sql") && present.contains("jdk.unsupported"), present.toString());
    }
}
