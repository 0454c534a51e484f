package dev.mache.vfs.nfs;

import dev.mache.vfs.ClientNetworks;
import dev.mache.vfs.VirtualFileSystem;
import dev.mache.vfs.ops.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dcache.oncrpc4j.rpc.OncRpcProgram;
import org.dcache.oncrpc4j.rpc.ReplyQueue;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;
import org.dcache.oncrpc4j.rpc.RpcProtocolFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.nio.transport.TCPNIOServerConnection;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;

/**
 * The NFSv3 and MOUNTv3 server: both programs on one TCP port (so {@code port=P,mountport=P} and libnfs's
 * {@code nfsport=P&mountport=P} work), registered with no portmapper.
 *
 * <p>Built from oncrpc4j's RPC filters on a Grizzly transport of its own, so a record framer with memory limits
 * ({@link RecordFramer}) sits in front of oncrpc4j's decoding. Selector threads frame records and answer calls about
 * a single node; calls whose cost grows with the data run on a worker pool ({@link CallDispatcher}), so a slow
 * READDIR of a huge directory holds back no other client.
 */
public final class NfsServer implements AutoCloseable {

    /**
     * Largest request record accepted: a refused WRITE of wtmax bytes plus headers, or a SYMLINK/RENAME with the
     * longest names decoded, fits with room to spare. Together with the queue bound below it caps the memory that
     * requests waiting for a worker can hold at 128 MB, whatever clients send.
     */
    static final int MAX_RECORD = 4 * NfsProgram.WTMAX;
    /** Calls waiting for a worker before new ones are refused (the connection that overflows is closed). */
    private static final int MAX_QUEUED_CALLS = 4_096;
    /** Reply bytes a connection may have waiting to be sent (a client that never reads its replies). */
    private static final int MAX_PENDING_REPLY_BYTES = 128 * 1024 * 1024;
    /** Cookies remembered for READDIR resumption (see {@link DirCookies}). */
    private static final int COOKIE_MEMO = 1 << 18;

    private final TCPNIOTransport transport;
    private final ThreadPoolExecutor workers;
    private final ReplyQueue replyQueue;
    private final InetSocketAddress address;

    private NfsServer(TCPNIOTransport transport, ThreadPoolExecutor workers, ReplyQueue replyQueue,
                      InetSocketAddress address) {
        this.transport = transport;
        this.workers = workers;
        this.replyQueue = replyQueue;
        this.address = address;
    }

    /**
     * Serves {@code vfs} on {@code bind} (port 0: an ephemeral port, see {@link #port()}). Bind to 127.0.0.1 unless
     * the tree is meant for other machines: NFSv3 with AUTH_SYS authenticates nobody.
     */
    public static NfsServer start(VirtualFileSystem vfs, InetSocketAddress bind) {
        return start(vfs, bind, ClientNetworks.ANYONE, null);
    }

    /**
     * As {@link #start(VirtualFileSystem, InetSocketAddress)}, answering only clients in {@code allowed}: others get
     * MNT3ERR_ACCES from MNT and an RPC AUTH_ERROR for every other call ({@link ClientAccessFilter}).
     */
    public static NfsServer start(VirtualFileSystem vfs, InetSocketAddress bind, ClientNetworks allowed) {
        return start(vfs, bind, allowed, null);
    }

    /** As {@link #start(VirtualFileSystem, InetSocketAddress)}, metering every call in {@code metrics}. */
    public static NfsServer start(VirtualFileSystem vfs, InetSocketAddress bind, Metrics metrics) {
        return start(vfs, bind, ClientNetworks.ANYONE, metrics);
    }

    /** Answers only clients in {@code allowed}, metering every call in {@code metrics} (or not: null). */
    public static NfsServer start(VirtualFileSystem vfs, InetSocketAddress bind, ClientNetworks allowed,
                                  Metrics metrics) {
        int threads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED_CALLS), daemonThreads("mache-nfs-worker-"));
        workers.allowCoreThreadTimeOut(true);
        ReplyQueue replyQueue = new ReplyQueue();

        Attributes attributes = Attributes.ofCurrentProcess();
        Map<OncRpcProgram, RpcDispatchable> programs = MeteredProgram.meter(Map.of(
                new OncRpcProgram(Nfs3.PROGRAM, Nfs3.VERSION),
                new NfsProgram(vfs, attributes, new DirCookies(COOKIE_MEMO)),
                new OncRpcProgram(Nfs3.MOUNT_PROGRAM, Nfs3.MOUNT_VERSION), new MountProgram(vfs)), metrics);

        ThreadPoolConfig selectors = ThreadPoolConfig.defaultConfig().copy()
                .setCorePoolSize(2).setMaxPoolSize(2).setPoolName("mache-nfs-selector");
        TCPNIOTransport transport = TCPNIOTransportBuilder.newInstance()
                .setReuseAddress(true)
                .setTcpNoDelay(true)
                .setIOStrategy(SameThreadIOStrategy.getInstance())
                .setSelectorThreadPoolConfig(selectors)
                .setSelectorRunnersCount(2)
                .build();
        transport.getAsyncQueueIO().getWriter().setMaxPendingBytesPerConnection(MAX_PENDING_REPLY_BYTES);
        FilterChainBuilder chain = FilterChainBuilder.stateless()
                .add(new TransportFilter())
                .add(new RecordFramer(MAX_RECORD))
                .add(new RpcProtocolFilter(replyQueue));
        if (!allowed.anyone()) {
            chain.add(new ClientAccessFilter(allowed));
        }
        transport.setProcessor(chain
                .add(new CallDispatcher(programs, workers, vfs.inProcess()))
                .build());
        try {
            TCPNIOServerConnection server = transport.bind(bind.getHostString(), bind.getPort(), 128);
            transport.start();
            InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
            return new NfsServer(transport, workers, replyQueue, bound);
        } catch (IOException e) {
            try {
                transport.shutdownNow();
            } catch (IOException ignored) {
                // the bind failure is what matters
            }
            workers.shutdownNow();
            replyQueue.shutdown();
            throw new UncheckedIOException("cannot serve NFS on " + bind, e);
        }
    }

    public int port() {
        return address.getPort();
    }

    public InetSocketAddress address() {
        return address;
    }

    /**
     * Ready-to-paste lines telling a person how to reach the tree: the Linux and macOS mount commands (run as root,
     * the mount point must exist) and the libnfs URL, for the server at {@code host:port}.
     */
    public static String mountHelp(String host, int port) {
        return String.join("\n",
                "NFSv3 on " + host + ":" + port + " (NFS and MOUNT on the same port)",
                "  Linux: mount -t nfs -o vers=3,tcp,port=" + port + ",mountport=" + port
                        + ",nolock,local_lock=all " + host + ":/ /mnt/mache",
                "  macOS: mount -t nfs -o vers=3,tcp,port=" + port + ",mountport=" + port
                        + ",locallocks,noresvport " + host + ":/ /Volumes/mache",
                "  libnfs: nfs://" + host + "/?version=3&nfsport=" + port + "&mountport=" + port,
                "");
    }

    @Override
    public void close() {
        try {
            transport.shutdownNow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workers.shutdownNow();
            replyQueue.shutdown();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
