package dev.mache.vfs.webdav;

import dev.mache.vfs.Fixture;
import dev.mache.vfs.MemoryGraph;
import dev.mache.vfs.ProjectionFs;
import dev.mache.vfs.ops.AccessLog;
import dev.mache.vfs.ops.Monitoring;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What monitoring costs a WebDAV GET (not part of the test suite): the same in-memory tree served three ways in one
 * JVM (no monitoring; metrics only; metrics and an access log file), each driven in turn by one curl process that
 * GETs {@code N} sources over one keep-alive connection (bench/dav.sh's W2). The JVM's CPU time while curl runs is
 * the server's (curl is another process). The in-memory tree makes a GET cheaper than the SQLite store's, so the
 * relative cost shown is an upper bound.
 *
 * <pre>java -cp ... dev.mache.vfs.webdav.MonitoringBench [N] [ROUNDS]</pre>
 */
public final class MonitoringBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("mache-monbench");
        MemoryGraph graph = new MemoryGraph(Fixture.builder());
        ProjectionFs fs = new ProjectionFs(graph);
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        Path accessFile = dir.resolve("access.log");
        String[] names = {"none", "metrics", "metrics+access log file"};
        WebDavServer[] servers = {
            WebDavServer.start(fs, any),
            WebDavServer.start(fs, any, Monitoring.of(graph, null, AccessLog.none())),
            WebDavServer.start(fs, any, Monitoring.of(graph, null, AccessLog.toFile(accessFile)))};
        String[] paths = {Fixture.AL + "/source", Fixture.MAIN + "/source", Fixture.OPEN + "/source",
            Fixture.ADD_E + "/source", "README.txt"};
        Path[] configs = new Path[servers.length];
        for (int s = 0; s < servers.length; s++) {
            StringBuilder c = new StringBuilder();
            for (int i = 0; i < n; i++) {
                c.append("url = \"http://127.0.0.1:").append(servers[s].port()).append('/')
                        .append(paths[i % paths.length]).append("\"\noutput = \"/dev/null\"\n");
            }
            configs[s] = Files.writeString(dir.resolve("curl-" + s + ".cfg"), c);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[][] cpuMicrosPerGet = new double[servers.length][rounds + 1];
        double[][] wallMicrosPerGet = new double[servers.length][rounds + 1];
        for (int r = 0; r <= rounds; r++) { // round 0 warms up
            for (int s = 0; s < servers.length; s++) {
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder("curl", "-s", "-f", "-K", configs[s].toString())
                        .redirectErrorStream(true).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("curl failed: " + new String(out));
                }
                cpuMicrosPerGet[s][r] = (os.getProcessCpuTime() - cpu0) / 1e3 / n;
                wallMicrosPerGet[s][r] = (System.nanoTime() - t0) / 1e3 / n;
            }
        }
        System.out.printf("%d GETs x %d rounds (after one warm-up), server CPU and wall time per GET (median)%n",
                n, rounds);
        double base = median(cpuMicrosPerGet[0]);
        for (int s = 0; s < servers.length; s++) {
            double cpu = median(cpuMicrosPerGet[s]);
            System.out.printf("  %-24s cpu %6.1f us  wall %6.1f us  cpu ratio %.3f%n", names[s], cpu,
                    median(wallMicrosPerGet[s]), cpu / base);
        }
        System.out.println("  access log lines: " + Files.readAllLines(accessFile).size());
        for (WebDavServer s : servers) {
            s.close();
        }
    }

    private static double median(double[] perRound) {
        double[] measured = Arrays.copyOfRange(perRound, 1, perRound.length);
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    private MonitoringBench() {
    }
}
