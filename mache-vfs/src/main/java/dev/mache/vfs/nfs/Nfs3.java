package dev.mache.vfs.nfs;

/** Numbers of RFC 1813 (NFS version 3 and MOUNT version 3) that the server speaks. */
final class Nfs3 {
    private Nfs3() { }

    static final int PROGRAM = 100003;
    static final int VERSION = 3;
    static final int MOUNT_PROGRAM = 100005;
    static final int MOUNT_VERSION = 3;

    /** Largest file handle (NFS3_FHSIZE) and the MOUNT limits (MNTPATHLEN, MNTNAMLEN). */
    static final int FHSIZE = 64;
    static final int MNTPATHLEN = 1024;
    static final int NAME_MAX = 255;
    /** Longest name or path the server decodes at all; longer is garbage, shorter than this but over NAME_MAX is NAMETOOLONG. */
    static final int DECODE_NAME_MAX = 4096;

    // procedures
    static final int NULL = 0, GETATTR = 1, SETATTR = 2, LOOKUP = 3, ACCESS = 4, READLINK = 5, READ = 6, WRITE = 7,
            CREATE = 8, MKDIR = 9, SYMLINK = 10, MKNOD = 11, REMOVE = 12, RMDIR = 13, RENAME = 14, LINK = 15,
            READDIR = 16, READDIRPLUS = 17, FSSTAT = 18, FSINFO = 19, PATHCONF = 20, COMMIT = 21;

    // nfsstat3
    static final int OK = 0, ERR_PERM = 1, ERR_NOENT = 2, ERR_IO = 5, ERR_ACCES = 13, ERR_NOTDIR = 20,
            ERR_ISDIR = 21, ERR_INVAL = 22, ERR_ROFS = 30, ERR_NAMETOOLONG = 63, ERR_STALE = 70,
            ERR_BADHANDLE = 10001, ERR_BAD_COOKIE = 10003, ERR_NOTSUPP = 10004, ERR_TOOSMALL = 10005,
            ERR_SERVERFAULT = 10006;

    // ftype3
    static final int NF3REG = 1, NF3DIR = 2, NF3LNK = 5;

    // ACCESS3 bits
    static final int ACCESS_READ = 0x1, ACCESS_LOOKUP = 0x2, ACCESS_MODIFY = 0x4, ACCESS_EXTEND = 0x8,
            ACCESS_DELETE = 0x10, ACCESS_EXECUTE = 0x20;

    // FSINFO properties
    static final int FSF3_LINK = 0x1, FSF3_SYMLINK = 0x2, FSF3_HOMOGENEOUS = 0x8, FSF3_CANSETTIME = 0x10;

    // mountstat3
    static final int MNT3_OK = 0, MNT3ERR_NOENT = 2, MNT3ERR_ACCES = 13, MNT3ERR_NOTDIR = 20, MNT3ERR_INVAL = 22,
            MNT3ERR_NAMETOOLONG = 63, MNT3ERR_SERVERFAULT = 10006;

    // MOUNT procedures
    static final int MNT = 1, DUMP = 2, UMNT = 3, UMNTALL = 4, EXPORT = 5;

    // auth flavors
    static final int AUTH_NONE = 0, AUTH_SYS = 1;

    /** Size on the wire of an fattr3. */
    static final int FATTR3_SIZE = 84;

    /** Bytes an XDR opaque or string of {@code len} bytes takes, length word included. */
    static int opaqueSize(int len) {
        return 4 + ((len + 3) & ~3);
    }
}
