/**
 * The virtual filesystem: the projection of a {@link dev.mache.graph.Graph} as the read-only tree of PROJECTION.md,
 * which the NFS ({@code vfs.nfs}) and WebDAV ({@code vfs.webdav}) servers and the command line all read through.
 *
 * <p>{@link dev.mache.vfs.ProjectionFs} opens one graph snapshot per {@link dev.mache.vfs.VfsSnapshot}. A path is
 * resolved to what it is (a stored node, or a virtual entry), and one small view answers for each concern:
 * <ul>
 *   <li>{@code RootView}: the stored top-level directories merged with {@code README.txt} ({@code Readme}),
 *       {@code defs/}, {@code callers/}, {@code callees/};</li>
 *   <li>{@code ConstructView}: a construct's stored children merged with its {@code callers/} and {@code callees/};
 *   </li>
 *   <li>{@code SymbolIndexView}: {@code defs|callers|callees/<symbol>/}, paged through the graph's token index;</li>
 *   <li>{@code RefListView}: the symlinks of all those lists, named by {@code DisplayNames}, with relative link
 *       text to the target's {@code source};</li>
 *   <li>{@code Handles}: stateless file handles derived from paths (the byte layout is documented there).</li>
 * </ul>
 * Listings are sorted bytewise ({@code Bytewise}); {@code .}, {@code ..} and empty segments never resolve
 * ({@code TreePaths}).
 */
package dev.mache.vfs;
