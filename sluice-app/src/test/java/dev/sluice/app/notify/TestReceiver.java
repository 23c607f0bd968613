package dev.sluice.app.notify;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on 127.0.0.1: records every request and answers with the next scripted status (200 once the
 * script is used up). {@link #hold()} makes it keep each request open until {@link #release()}.
 */
final class TestReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String path, Headers headers, byte[] body) {

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Map.Entry<Integer, Map<String, String>>> script = new ConcurrentLinkedQueue<>();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    TestReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL to configure, with a query string that must never show up in a log. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=query-secret");
    }

    /** The next answers, in order. */
    TestReceiver answer(int... statuses) {
        for (int status : statuses) {
            script.add(Map.entry(status, Map.of()));
        }
        return this;
    }

    TestReceiver answer(int status, Map<String, String> headers) {
        script.add(Map.entry(status, headers));
        return this;
    }

    /** Holds every request from now on until {@link #release()}. */
    CountDownLatch hold() {
        hold = new CountDownLatch(1);
        return hold;
    }

    void release() {
        hold.countDown();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    int count() {
        return received.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body));
            if (!hold.await(30, TimeUnit.SECONDS)) {
                return;
            }
            Map.Entry<Integer, Map<String, String>> next = script.poll();
            int status = next == null ? 200 : next.getKey();
            if (next != null) {
                next.getValue().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            }
            exchange.sendResponseHeaders(status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
