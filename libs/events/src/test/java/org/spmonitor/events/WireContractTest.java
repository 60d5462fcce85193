package org.spmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The golden files pin the wire format of every published payload: what a producer writes with a
 * plain Jackson 3 mapper, what a consumer reads back, and what the JSON Schema accepts.
 */
class WireContractTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    static Stream<ContractPayload> payloads() {
        return ContractPayload.all();
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void goldenFileMatchesSerialisedSample(ContractPayload payload) {
        JsonNode written = mapper.readTree(mapper.writeValueAsString(payload.sample()));

        assertThat(written).isEqualTo(mapper.readTree(payload.goldenText()));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void goldenFileDeserialisesToSample(ContractPayload payload) {
        Object read = mapper.readValue(payload.goldenText(), payload.payloadType());

        assertThat(read).isEqualTo(payload.sample());
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void goldenFileValidatesAgainstItsSchema(ContractPayload payload) {
        assertThat(Schemas.validate(payload, Schemas.tree(payload.goldenText()))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void goldenFileIsPrettyPrintedWithTwoSpacesAndATrailingNewline(ContractPayload payload) {
        String golden = payload.goldenText();

        assertThat(golden).startsWith("{\n  \"").endsWith("\n}\n").doesNotContain("\t", "\r");
        assertThat(golden.lines()).allSatisfy(line -> assertThat(indentation(line) % 2).isZero());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eventSchemaAcceptsPropertiesAddedLaterInV1(EventType type) {
        ContractPayload payload = ContractPayload.of(type);
        ObjectNode fromANewerProducer = (ObjectNode) Schemas.tree(payload.goldenText());
        fromANewerProducer.put("addedInALaterV1Release", "ignored by older consumers");

        assertThat(Schemas.validate(payload, fromANewerProducer)).isEmpty();
        assertThat(mapper.readValue(fromANewerProducer.toString(), type.payloadType())).isEqualTo(payload.sample());
    }

    @Test
    void submissionSchemaRefusesUnknownPropertiesSoMisspeltFieldsAreReported() {
        ContractPayload submission = ContractPayload.submission();
        ObjectNode misspelt = (ObjectNode) Schemas.tree(submission.goldenText());
        misspelt.set("withDisabilities", misspelt.remove("withDisability"));

        assertThat(Schemas.validate(submission, misspelt))
                .anySatisfy(error -> assertThat(error.getType()).isEqualTo("additionalProperties"));
    }

    private static int indentation(String line) {
        return line.length() - line.stripLeading().length();
    }
}
