package org.spmonitor.platform.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.EventType;
import org.spmonitor.platform.ContractTopics;
import org.spmonitor.platform.PlatformProperties;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.testsupport.ContractDocuments;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AsyncAPI document is valid AsyncAPI 3.0, covers the whole contract, and equals the committed
 * docs/asyncapi.json. After a deliberate change of the contract, regenerate the file with
 * {@value #REGENERATE} and commit it.
 */
class AsyncApiDocumentTest {

    static final String REGENERATE = "./mvnw -o -B -pl libs/platform -am verify -Dtest=AsyncApiDocumentTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dspmonitor.asyncapi.write=true";

    private final JsonMapper json = new EventCodec("/spmonitor/test").mapper();
    /** The default topic settings: 3 partitions, replication 1 (the embedded default). */
    private final JsonNode document = new AsyncApiDocument(json, new PlatformProperties(true, 0, (short) 0, 0)).build();

    @Test
    void isValidAsyncApi3WithEveryReferenceResolved() {
        assertThat(ContractDocuments.asyncApiProblems(document)).isEmpty();
    }

    @Test
    void theSchemaCheckRefusesABrokenDocument() {
        JsonNode broken = document.deepCopy();
        ((ObjectNode) broken.get("channels").get("programmes-programme-events-v1"))
                .put("address", 42);
        ((ObjectNode) broken.at("/operations/programme-service.publish."
                + "programmes-programme-events-v1/channel")).put("$ref", "#/channels/nowhere");

        assertThat(ContractDocuments.asyncApiProblems(broken)).anyMatch(p -> p.contains("address"))
                .anyMatch(p -> p.contains("#/channels/nowhere"));
    }

    @Test
    void hasAChannelForEveryContractTopicAndItsDeadLetters() {
        List<String> addresses = new ArrayList<>();
        document.get("channels").forEach(channel -> addresses.add(channel.get("address").asString()));

        assertThat(addresses).containsExactlyInAnyOrderElementsOf(ContractTopics.names());
        JsonNode programmes = document.at("/channels/programmes-programme-events-v1/bindings/kafka");
        assertThat(programmes.get("partitions").asInt()).isEqualTo(3);
        assertThat(programmes.get("replicas").asInt()).isEqualTo(1);
        assertThat(programmes.at("/topicConfiguration/retention.ms").asLong()).isEqualTo(-1);
    }

    @Test
    void describesEveryEventWithItsCloudEventsHeadersKeySchemaAndGoldenExample() {
        for (EventType type : EventType.values()) {
            JsonNode message = document.at("/components/messages/" + type.eventName());
            assertThat(message.at("/headers/properties/ce_type/enum/0").asString()).isEqualTo(type.typeName());
            assertThat(message.at("/headers/properties/ce_dataschema/enum/0").asString()).isEqualTo(type.dataSchema());
            assertThat(message.at("/headers/required")).extracting(JsonNode::asString).contains(CloudEventHeaders.ID,
                    CloudEventHeaders.SOURCE, CloudEventHeaders.TYPE, CloudEventHeaders.SPEC_VERSION,
                    CloudEventHeaders.TIME, CloudEventHeaders.SUBJECT, CloudEventHeaders.DATA_SCHEMA,
                    CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.TRACEPARENT);
            assertThat(message.at("/payload/schema/title").asString()).isEqualTo(type.eventName());
            assertThat(message.at("/bindings/kafka/key/pattern").asString()).isEqualTo("^[A-Z]{3}$");
            assertThat(message.at("/examples/0/payload")).isEqualTo(golden(type.goldenResource()));
            JsonNode channel = document.at("/channels/" + AsyncApiDocument.channelId(type.topic()));
            assertThat(channel.at("/messages/" + type.eventName() + "/$ref").asString())
                    .isEqualTo("#/components/messages/" + type.eventName());
        }
        assertThat(document.at("/components/messages/ExchangeRatePublished/examples/0/headers/ce_subject").asString())
                .isEqualTo("XOF/2025");
    }

    @Test
    void namesWhoPublishesAndWhoConsumesInWhichGroup() {
        JsonNode operations = document.get("operations");

        assertThat(operations.at("/programme-service.publish.programmes-programme-events-v1/action").asString())
                .isEqualTo("send");
        assertThat(operations.at("/beneficiary-service.onBeneficiaryCountSubmitted/action").asString())
                .isEqualTo("receive");
        assertThat(operations.at("/beneficiary-service.onBeneficiaryCountSubmitted/bindings/kafka/groupId/enum/0")
                .asString()).isEqualTo("beneficiary-service.submissions");
        assertThat(operations.at("/financing-service.onProgrammeEvent/bindings/kafka/groupId/enum/0").asString())
                .isEqualTo("financing-service.programme-view");
        assertThat(operations.at("/reporting-service.projectProgrammeEvents/bindings/kafka/groupId/pattern")
                .asString()).isEqualTo("^reporting-service\\.projection\\..+$");
        assertThat(operations.at("/reporting-service.deadLetter.programmes-programme-events-v1/channel/$ref")
                .asString()).isEqualTo("#/channels/programmes-programme-events-v1-dlt");
        assertThat(operations.at("/reporting-service.publish.reporting-dashboard-updates-v1/action").asString())
                .isEqualTo("send");
    }

    @Test
    void equalsTheCommittedDocument() throws IOException {
        Path committed = ContractDocuments.committedAsyncApi();
        String generated = document.toPrettyString() + "\n";
        if (Boolean.getBoolean("spmonitor.asyncapi.write")) {
            Files.writeString(committed, generated);
        }
        assertThat(Files.exists(committed)).as(committed + " is missing: generate it with " + REGENERATE).isTrue();
        boolean same = json.readTree(Files.readString(committed)).equals(json.readTree(generated));
        assertThat(same).as(committed + " differs from the contract in code: if the change is deliberate, regenerate "
                + "it with " + REGENERATE + " and commit it").isTrue();
    }

    private JsonNode golden(String resource) {
        try (var in = EventType.class.getResourceAsStream(resource)) {
            return json.readTree(in);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
