package org.spmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each schema describes its payload record exactly: one property per record component, with the
 * JSON type Jackson writes, enums listing exactly the Java constants, and every primitive component
 * required (Jackson 3 refuses a missing primitive).
 */
class SchemaDescribesRecordsTest {

    static Stream<ContractPayload> payloads() {
        return ContractPayload.all();
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void schemaIsAValidDraft202012Schema(ContractPayload payload) {
        JsonNode schema = Schemas.tree(payload.schemaText());

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText())
                .isEqualTo("https://spmonitor.org/schemas/" + payload.name() + ".v1.schema.json");
        assertThat(schema.path("description").asText()).isNotBlank();
        assertThat(Schemas.draft202012MetaSchema().validate(schema)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void schemaHasOnePropertyPerRecordComponentWithTheJsonTypeJacksonWrites(ContractPayload payload) {
        JsonNode schema = Schemas.tree(payload.schemaText());

        List<String> mismatches = new ArrayList<>();
        compare(payload.payloadType(), schema, schema, payload.name(), mismatches);

        assertThat(mismatches).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void everyTopLevelPropertyIsDescribed(ContractPayload payload) {
        JsonNode schema = Schemas.tree(payload.schemaText());

        assertThat(schema.path("properties").properties()).allSatisfy(property -> assertThat(
                property.getValue().path("description").asText(resolve(schema, property.getValue())
                        .path("description").asText()))
                .as(property.getKey()).isNotBlank());
    }

    private static void compare(Class<?> recordType, JsonNode schemaObject, JsonNode root, String path,
            List<String> mismatches) {
        JsonNode object = resolve(root, schemaObject);
        List<String> componentNames = new ArrayList<>();
        for (RecordComponent component : recordType.getRecordComponents()) {
            String name = jsonName(recordType, component);
            componentNames.add(name);
            JsonNode property = object.path("properties").path(name);
            if (property.isMissingNode()) {
                mismatches.add(path + "." + name + ": not in the schema");
                continue;
            }
            if (component.getType().isPrimitive() && !contains(object.path("required"), name)) {
                mismatches.add(path + "." + name + ": primitive but not required");
            }
            compareValue(component.getGenericType(), property, root, path + "." + name, mismatches);
        }
        object.path("properties").properties().forEach(property -> {
            if (!componentNames.contains(property.getKey())) {
                mismatches.add(path + "." + property.getKey() + ": in the schema but not in " + recordType.getSimpleName());
            }
        });
        object.path("required").forEach(name -> {
            if (!componentNames.contains(name.asText())) {
                mismatches.add(path + ": requires unknown property " + name.asText());
            }
        });
    }

    private static void compareValue(Type javaType, JsonNode property, JsonNode root, String path,
            List<String> mismatches) {
        JsonNode resolved = resolve(root, property);
        if (javaType instanceof ParameterizedType list && list.getRawType() == List.class) {
            expectType(resolved, "array", path, mismatches);
            compareValue(list.getActualTypeArguments()[0], resolved.path("items"), root, path + "[]", mismatches);
            return;
        }
        Class<?> type = (Class<?>) javaType;
        if (type.isRecord()) {
            expectType(resolved, "object", path, mismatches);
            compare(type, resolved, root, path, mismatches);
        }
        else if (type.isEnum()) {
            expectType(resolved, "string", path, mismatches);
            List<String> constants = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            List<String> listed = new ArrayList<>();
            resolved.path("enum").forEach(value -> listed.add(value.asText()));
            if (!listed.equals(constants)) {
                mismatches.add(path + ": enum " + listed + " is not " + type.getSimpleName() + " " + constants);
            }
            if (!property.path("$ref").asText().equals("#/$defs/" + type.getSimpleName())) {
                mismatches.add(path + ": should refer to $defs/" + type.getSimpleName());
            }
        }
        else if (type == String.class || type == LocalDate.class || type == Instant.class) {
            expectType(resolved, "string", path, mismatches);
        }
        else if (type == BigDecimal.class) {
            expectType(resolved, "string", path, mismatches);
            Pattern decimal = Pattern.compile(resolved.path("pattern").asText("^$"));
            if (!decimal.matcher("601.2350").find() || decimal.matcher("1.25E+9").find()) {
                mismatches.add(path + ": decimal string needs a plain-decimal pattern, has " + resolved.path("pattern"));
            }
        }
        else if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            expectType(resolved, "integer", path, mismatches);
        }
        else {
            mismatches.add(path + ": no rule for Java type " + type.getName());
        }
    }

    private static void expectType(JsonNode schema, String jsonType, String path, List<String> mismatches) {
        JsonNode type = schema.path("type");
        if (!(type.asText().equals(jsonType) || contains(type, jsonType))) {
            mismatches.add(path + ": type " + type + ", Jackson writes " + jsonType);
        }
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        String ref = node.path("$ref").asText();
        return ref.startsWith("#/") ? resolve(root, root.at(ref.substring(1))) : node;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (element.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String jsonName(Class<?> recordType, RecordComponent component) {
        try {
            Field field = recordType.getDeclaredField(component.getName());
            JsonProperty renamed = field.getAnnotation(JsonProperty.class);
            return renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
        }
        catch (NoSuchFieldException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
