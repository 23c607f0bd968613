package dev.sluice.app.admin;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The operator's HTTP port: liveness, readiness, Prometheus metrics, the local issuer's public keys, and the
 * versioned admin API.
 *
 * <ul>
 *   <li>{@code GET /healthz}: 200 {@code {"status":"ok"}} while the process runs, draining or not.</li>
 *   <li>{@code GET /readyz}: 200 {@code {"status":"ok"}} when {@link AdminSettings#ready()} holds; 503
 *       {@code {"status":"not-ready"}} when it does not, and 503 {@code {"status":"draining"}} for good once
 *       {@link #markDraining()} was called, so a load balancer stops sending clients before listeners close.</li>
 *   <li>{@code GET /metrics}: Prometheus text format 0.0.4.</li>
 *   <li>{@code GET /.well-known/jwks.json}: the configured JWK set verbatim, cacheable for five minutes;
 *       404 without a local issuer.</li>
 *   <li>{@code /api/v1/...}: approvals, access requests and grants, sessions; JSON in and out, bearer tokens,
 *       admin and reviewer roles. {@code GET /api/v1/openapi.json} describes every route (OpenAPI 3.1).</li>
 * </ul>
 *
 * The JDK's HTTP server on virtual threads is all this needs. The server listens from construction until
 * {@link #close()}.
 */
public final class AdminServer implements AutoCloseable {

    /** Where OIDC clients look for an issuer's signing keys. */
    public static final String JWKS_PATH = "/.well-known/jwks.json";

    /** The API's description; public, like any API document. */
    public static final String OPENAPI_PATH = "/api/v1/openapi.json";

    /** Short enough that a rotated key is picked up soon, long enough to spare the gateway from polling. */
    static final String JWKS_CACHE_CONTROL = "public, max-age=300";

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Readiness readiness;
    private final AdminRouter router;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Binds {@link AdminSettings#address()} and starts answering.
     *
     * @throws IOException when the address cannot be bound (the message names it)
     */
    public AdminServer(AdminSettings settings) throws IOException {
        Objects.requireNonNull(settings, "settings");
        this.readiness = new Readiness(settings.ready());
        this.router = new AdminRouter(routes(settings, readiness), new BearerTokens(settings.api().authenticator()),
                settings.api().roles());

        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sluice-admin-", 0).factory());
        try {
            this.server = HttpServer.create(settings.address(), 0);
        } catch (IOException e) {
            executor.close();
            throw new IOException("admin server cannot listen on " + describe(settings.address()) + ": "
                    + e.getMessage(), e);
        }
        server.createContext("/", router);
        server.setExecutor(executor);
        server.start();
        log.info("admin server listening on {}", describe(server.getAddress()));
    }

    /** Every route, public ones and the API alike; the OpenAPI document lists the same set. */
    private static List<Route> routes(AdminSettings settings, Readiness readiness) {
        ApiServices api = settings.api();
        AdminResponse openApi = openApiDocument();
        List<Route> routes = new ArrayList<>();
        routes.add(Route.get("/healthz", Access.PUBLIC, request -> AdminResponse.status(200, "ok")));
        routes.add(Route.get("/readyz", Access.PUBLIC, request -> readyz(readiness)));
        routes.add(Route.get("/metrics", Access.PUBLIC, request -> metrics(settings.metrics())));
        routes.add(Route.get(JWKS_PATH, Access.PUBLIC, request -> jwks(settings.jwksJson().orElseThrow(
                () -> ApiProblem.notFound("this gateway has no local issuer, so it publishes no keys")))));
        routes.add(Route.get(OPENAPI_PATH, Access.PUBLIC, request -> openApi));
        routes.add(Route.get("/api/v1/whoami", Access.AUTHENTICATED,
                request -> {
                    request.query().only();
                    return AdminResponse.json(200, ApiJson.identity(request.identity(), api.roles()));
                }));
        routes.addAll(new ApprovalsEndpoints(api).routes());
        routes.addAll(new SessionsEndpoints(api).routes());
        return routes;
    }

    /** Every route this server answers (for the test that holds the OpenAPI document to them). */
    List<Route> routes() {
        return router.routes();
    }

    private static AdminResponse openApiDocument() {
        try (InputStream in = AdminServer.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the build");
            }
            return new AdminResponse(200, AdminResponse.JSON, AdminResponse.NO_STORE, Map.of(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("openapi.json could not be read from the build", e);
        }
    }

    /** The port actually bound (differs from the settings when they asked for 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** From now on {@code /readyz} answers 503, whatever the readiness check says. Cannot be undone. */
    public void markDraining() {
        if (!readiness.draining()) {
            readiness.markDraining();
            log.info("admin server: draining, /readyz now answers 503");
        }
    }

    /** Stops listening and waits for requests in progress; closing twice is harmless. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        readiness.markDraining();
        server.stop(0);
        executor.close();
    }

    private static AdminResponse readyz(Readiness readiness) {
        return switch (readiness.state()) {
            case READY -> AdminResponse.status(200, "ok");
            case NOT_READY -> AdminResponse.status(503, "not-ready");
            case DRAINING -> AdminResponse.status(503, "draining");
        };
    }

    private static AdminResponse metrics(PrometheusMeterRegistry registry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            registry.scrape(out, AdminResponse.PROMETHEUS_TEXT);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail; kept for the signature
        }
        return new AdminResponse(200, AdminResponse.PROMETHEUS_TEXT, AdminResponse.NO_STORE, Map.of(),
                out.toByteArray());
    }

    private static AdminResponse jwks(Supplier<String> jwksJson) {
        String json = Objects.requireNonNull(jwksJson.get(), "the JWK set supplier returned null");
        return new AdminResponse(200, AdminResponse.JSON, JWKS_CACHE_CONTROL, Map.of(),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static String describe(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
