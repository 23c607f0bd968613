import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The "what does a dumb proxy cost" baseline for the PostgreSQL overhead benchmark: a TCP relay that copies bytes
 * both ways and understands nothing. One virtual thread per direction per connection, blocking I/O, TCP_NODELAY on
 * both legs, the same threading model the gateway uses, so the gap between this relay and Sluice is the cost of
 * what Sluice does with the bytes (framing, decisions, audit), not the cost of being a JVM in the path.
 *
 * <p>Run: {@code java TcpRelay.java LISTEN_PORT TARGET_HOST TARGET_PORT [virtual|platform]} (binds 127.0.0.1
 * only). Prints {@code READY} once listening; stops on SIGTERM. {@code platform} runs the same loops on platform
 * threads, to tell the cost of the virtual-thread scheduler and I/O poller hand-offs from the cost of relaying.
 */
public final class TcpRelay {

    private static final int BUFFER_BYTES = 64 * 1024;

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4 || (args.length == 4 && !args[3].matches("virtual|platform"))) {
            System.err.println("usage: java TcpRelay.java LISTEN_PORT TARGET_HOST TARGET_PORT [virtual|platform]");
            System.exit(2);
        }
        Thread.Builder threads = args.length == 4 && args[3].equals("platform")
                ? Thread.ofPlatform().daemon(true)
                : Thread.ofVirtual();
        int listenPort = Integer.parseInt(args[0]);
        InetSocketAddress target = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 512);
            System.out.println("READY");
            System.out.flush();
            while (true) {
                Socket client = server.accept();
                threads.name("relay-conn").start(() -> relay(client, target, threads));
            }
        }
    }

    private static void relay(Socket client, InetSocketAddress target, Thread.Builder threads) {
        try (client; Socket upstream = new Socket()) {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            upstream.connect(target);
            Thread up = threads.name("relay-up").start(() -> copy(client, upstream));
            copy(upstream, client);
            up.join();
        } catch (IOException | InterruptedException e) {
            // a peer went away or the relay is stopping: the connection simply ends
        }
    }

    /** Copies until EOF, then half-closes the destination so the other direction can drain and finish. */
    private static void copy(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
