package dev.mache.graph.lang.natives;

import java.util.Locale;
import java.util.Optional;

/**
 * The running OS/CPU as named by the two native layouts mache knows: its own compiled natives
 * ({@code natives/linux-x86_64/}) and bonede's jars ({@code lib/x86_64-linux-gnu-tree-sitter.so}).
 */
record Platform(String compiledDir, Optional<String> bonedePrefix, String libPrefix, String libSuffix) {

    static Platform current() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> System.getProperty("os.arch", "unknown");
        };
        if (os.contains("linux")) {
            return new Platform("natives/linux-" + arch, Optional.of(arch + "-linux-gnu-"), "lib", ".so");
        }
        if (os.contains("mac")) {
            return new Platform("natives/macos-" + arch, Optional.of(arch + "-macos-"), "lib", ".dylib");
        }
        if (os.contains("windows")) {
            return new Platform("natives/windows-" + arch,
                    arch.equals("x86_64") ? Optional.of("x86_64-windows-") : Optional.empty(), "", ".dll");
        }
        return new Platform("natives/" + os.replace(' ', '_') + "-" + arch, Optional.empty(), "lib", ".so");
    }

    /** Classpath resource of a mache-compiled library; {@code base} is {@code tree-sitter} or {@code tree-sitter-go}. */
    String compiledResource(String base) {
        return compiledDir + "/" + libPrefix + base + libSuffix;
    }

    /** Classpath resource of the same library in bonede's jars, if bonede ships this platform. */
    Optional<String> bonedeResource(String base) {
        return bonedePrefix.map(prefix -> "lib/" + prefix + base + libSuffix);
    }
}
