// Neo4j Community embedded with its Bolt connector, for the test suite and benchmarks only.
// Usage: java -Xmx<heap> -cp 'lib/*:classes' Neo4jTestService <data dir> <password file>
//        <page cache MiB> <ready file> <port, 0 for a free one>
// Listens on a loopback port with auth on; writes "<port>\n" to the ready file once Bolt
// answers; a clean shutdown on SIGTERM (the shutdown hook).
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

public final class Neo4jTestService {
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: Neo4jTestService <data dir> <password file> <page cache MiB> <ready file> <port>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        String password = Files.readString(Path.of(args[1])).strip();
        long pageCacheMiB = Long.parseLong(args[2]);
        Path ready = Path.of(args[3]).toAbsolutePath();
        int port = Integer.parseInt(args[4]) == 0 ? freePort() : Integer.parseInt(args[4]);

        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMiB))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(service::shutdown, "neo4j-shutdown"));

        // The initial user is neo4j/neo4j with a change required: set ours on the system database.
        try {
            service.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password));
        } catch (RuntimeException e) {
            // A restart on kept data: the password is set already, and Neo4j refuses the same one.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }

        Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.writeString(tmp, port + "\n");
        Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("neo4j test service: bolt://127.0.0.1:" + port);
        Thread.currentThread().join();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
