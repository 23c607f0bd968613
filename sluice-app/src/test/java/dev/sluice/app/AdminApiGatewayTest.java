package dev.sluice.app;

import dev.sluice.app.cli.CliEnvironment;
import dev.sluice.app.cli.SluiceCli;
import dev.sluice.app.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API as a started gateway wires it: roles from {@code admin:}, tokens from the gateway's own issuer,
 * sessions from its store, and the CLI logging in to it.
 */
class AdminApiGatewayTest {

    @TempDir
    Path dir;

    @Test
    void theGatewayServesTheApiWithItsConfiguredRolesAndTheCliUsesIt() throws Exception {
        Path config = GatewayConfigFile.write(dir, """
                admin:
                  listen: 127.0.0.1:0
                  admin_groups: [ops]
                  reviewer_groups: []
                """);
        try (Gateway gateway = Gateway.start(ConfigLoader.load(config, Map.of()), ProtocolRegistry.standard());
             HttpClient http = HttpClient.newHttpClient()) {
            URI base = URI.create("http://127.0.0.1:" + gateway.adminPort().orElseThrow());
            String operator = gateway.localIssuer().orElseThrow().issue("olga", Set.of("ops"), Duration.ofMinutes(5));
            String developer = gateway.localIssuer().orElseThrow().issue("dev1", Set.of("dev"), Duration.ofMinutes(5));

            HttpResponse<String> whoami = http.send(get(base, "/api/v1/whoami", operator), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> sessions = http.send(get(base, "/api/v1/sessions", operator), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> refused = http.send(get(base, "/api/v1/sessions", developer), HttpResponse.BodyHandlers.ofString());

            assertThat(whoami.statusCode()).isEqualTo(200);
            assertThat(whoami.body()).contains("\"subject\":\"olga\"").contains("\"roles\":[\"admin\",\"reviewer\"]");
            assertThat(sessions.statusCode()).isEqualTo(200);
            assertThat(sessions.body()).isEqualTo("{\"items\":[]}");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("admin group (ops)");

            Map<String, String> env = Map.of("SLUICE_HOME", dir.resolve("cli").toString());
            String[] login = sluice(env, operator, "login", "--server", base.toString());
            String[] kill = sluice(env, "", "sessions", "kill", "no-such-session");

            assertThat(login[0]).isEqualTo("0");
            assertThat(login[1]).startsWith("logged in to " + base + " as olga (roles: admin, reviewer; groups: ops)");
            assertThat(kill[0]).isEqualTo("1");
            assertThat(kill[2]).startsWith("sluice: session no-such-session is not open on this gateway replica");
        }
    }

    private static HttpRequest get(URI base, String path, String token) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).GET().build();
    }

    /** @return exit code, stdout, stderr */
    private String[] sluice(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SluiceCli.execute(CliEnvironment.of(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                dir), new PrintWriter(out), new PrintWriter(err), args);
        return new String[]{String.valueOf(code), out.toString(), err.toString()};
    }
}
