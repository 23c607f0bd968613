package dev.sluice.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document describes exactly the routes the server answers, with the access each one checks. */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @TempDir
    Path dir;

    @Test
    void theDocumentIsPublicAndListsEveryRouteWithItsAccess() throws Exception {
        try (ApiFixture api = ApiFixture.start(dir); ApiCalls calls = new ApiCalls(api.url())) {
            ApiCalls.Answer answer = calls.get(AdminServer.OPENAPI_PATH, null);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("openapi").asText()).isEqualTo("3.1.0");
            Map<String, String> documented = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = answer.json().path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    if (METHODS.contains(op.getKey())) {
                        documented.put(op.getKey().toUpperCase() + " " + path.getKey(),
                                op.getValue().path("x-sluice-access").asText());
                    }
                }
            }
            Map<String, String> served = new TreeMap<>();
            for (Route route : api.server().routes()) {
                served.put(route.method() + " " + route.path().text(), route.access().label());
            }

            assertThat(documented).isEqualTo(served);
        }
    }

    @Test
    void everySchemaReferenceResolves() throws Exception {
        try (ApiFixture api = ApiFixture.start(dir); ApiCalls calls = new ApiCalls(api.url())) {
            JsonNode document = calls.get(AdminServer.OPENAPI_PATH, null).json();
            Set<String> refs = new TreeSet<>();
            collectRefs(document, refs);

            assertThat(refs).isNotEmpty().allSatisfy(ref -> {
                assertThat(ref).startsWith("#/");
                assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
            });
        }
    }

    @Test
    void publicOperationsNeedNoTokenAndTheOthersDo() throws Exception {
        try (ApiFixture api = ApiFixture.start(dir); ApiCalls calls = new ApiCalls(api.url())) {
            JsonNode document = calls.get(AdminServer.OPENAPI_PATH, null).json();
            for (Route route : api.server().routes()) {
                JsonNode op = document.path("paths").path(route.path().text()).path(route.method().toLowerCase());
                boolean unsecured = op.has("security") && op.path("security").isEmpty();
                assertThat(unsecured).as(route.method() + " " + route.path()).isEqualTo(route.access() == Access.PUBLIC);
                assertThat(op.path("responses").has("401")).as(route.method() + " " + route.path())
                        .isEqualTo(route.access() != Access.PUBLIC);
            }
        }
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
