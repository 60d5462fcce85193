package org.spmonitor.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the documents integrators generate clients from: an OpenAPI document with swagger-parser (what
 * openapi-generator reads it with), and the AsyncAPI document against the official AsyncAPI 3.0.0 JSON
 * Schema ({@code asyncapi/asyncapi-3.0.0.schema.json}: {@code schemas/3.0.0-without-$id.json} of the npm
 * package {@code @asyncapi/specs} 6.11.1, Apache-2.0), plus that every local {@code $ref} resolves.
 */
public final class ContractDocuments {

    /** The committed AsyncAPI document, relative to the repository root. */
    public static final String ASYNCAPI_FILE = "docs/asyncapi.json";

    private static final JsonSchema ASYNCAPI_3_0 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(SchemaLocation.of("classpath:asyncapi/asyncapi-3.0.0.schema.json"));

    /**
     * What a service at {@code port} documents for integrators, read without a token: its OpenAPI document
     * at {@code /v3/api-docs} is valid (swagger-parser finds nothing, a license names its terms) and its
     * AsyncAPI document at {@code /v3/asyncapi} is the committed {@value #ASYNCAPI_FILE}.
     */
    public static void assertServesValidContractDocuments(int port) {
        ApiClient anonymous = ApiClient.anonymous(port);
        ApiClient.Response openApi = anonymous.get("/v3/api-docs");
        assertThat(openApi.status()).as("GET /v3/api-docs without a token").isEqualTo(200);
        assertThat(openApiProblems(openApi.body())).as("swagger-parser's messages on /v3/api-docs").isEmpty();
        JsonNode license = openApi.json().at("/info/license");
        assertThat(license.isMissingNode() || license.has("url") || license.has("identifier"))
                .as("/v3/api-docs info.license, if any, names its terms (url or identifier): " + license).isTrue();

        ApiClient.Response asyncApi = anonymous.get("/v3/asyncapi");
        assertThat(asyncApi.status()).as("GET /v3/asyncapi without a token").isEqualTo(200);
        assertThat(asyncApi.header("Content-Type")).startsWith("application/json");
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(asyncApi.body()).equals(json.readTree(read(committedAsyncApi()))))
                .as("/v3/asyncapi equals " + ASYNCAPI_FILE + " (regenerate it as AsyncApiDocumentTest says)").isTrue();
    }

    /** What swagger-parser finds wrong with an OpenAPI document: empty when code generators accept it. */
    public static List<String> openApiProblems(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        List<String> problems = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
        if (result.getOpenAPI() == null) {
            problems.add("not an OpenAPI document");
        }
        return problems;
    }

    /** What the AsyncAPI 3.0.0 schema finds wrong with a document, and every local reference that resolves to nothing. */
    public static List<String> asyncApiProblems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : ASYNCAPI_3_0.validate(document.toString(), InputFormat.JSON)) {
            problems.add(message.getMessage());
        }
        unresolvedRefs(document, document, "", problems);
        return problems;
    }

    private static void unresolvedRefs(JsonNode root, JsonNode node, String at, List<String> problems) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isString()) {
                String target = ref.asString();
                if (!target.startsWith("#/") || root.at(target.substring(1)).isMissingNode()) {
                    problems.add(at + "/$ref " + target + " resolves to nothing in the document");
                }
            }
            for (Map.Entry<String, JsonNode> child : node.properties()) {
                unresolvedRefs(root, child.getValue(), at + "/" + child.getKey(), problems);
            }
        }
        else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unresolvedRefs(root, node.get(i), at + "/" + i, problems);
            }
        }
    }

    /** The committed {@value #ASYNCAPI_FILE}, found from the module being tested up to the repository root. */
    public static Path committedAsyncApi() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir.resolve(ASYNCAPI_FILE);
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private ContractDocuments() {
    }
}
