package dev.mache.cli;

import picocli.CommandLine.Option;

/** {@code --[no-]watch} and {@code --poll} of the commands that keep a tree's store live ({@code serve}, {@code daemon}). */
final class WatchingOptions {
    @Option(names = "--no-watch", negatable = true, fallbackValue = "true",
            description = "Watch the tree for edits (the default), or not (then `mache index DIR` or a daemon "
                    + "client's `reparse` updates it).")
    boolean noWatch;

    @Option(names = "--poll", description = "Watch the tree by polling file times instead of file system events.")
    boolean poll;
}
