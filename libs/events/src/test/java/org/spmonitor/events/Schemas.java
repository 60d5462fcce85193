package org.spmonitor.events;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates JSON against the published schemas with a draft 2020-12 validator that also asserts
 * {@code format} (dates, date-times), as a strict consumer would. The validator works on Jackson 2 trees.
 */
final class Schemas {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    static JsonSchema schema(ContractPayload payload) {
        return FACTORY.getSchema(SchemaLocation.of("classpath:" + payload.schemaResource().substring(1)), CONFIG);
    }

    static JsonSchema draft202012MetaSchema() {
        return FACTORY.getSchema(SchemaLocation.of(SpecVersion.VersionFlag.V202012.getId()), CONFIG);
    }

    static Set<ValidationMessage> validate(ContractPayload payload, JsonNode json) {
        return schema(payload).validate(json);
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalArgumentException("not JSON: " + json, ex);
        }
    }

    private Schemas() {
    }
}
