package dev.mache.vfs;

/** What a client sees at a path. Symlinks exist for NFS only; WebDAV presents them as regular files. */
public enum EntryType { DIRECTORY, FILE, SYMLINK }
