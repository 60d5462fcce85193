package org.spmonitor.platform.asyncapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.EventType;
import org.spmonitor.events.Topics;
import org.spmonitor.platform.ContractTopics;
import org.spmonitor.platform.PlatformProperties;
import org.spmonitor.platform.security.InboundTokenVerifier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The AsyncAPI 3.0 document of every Kafka topic of the contract, generated from the code that defines
 * it: the topics of {@link ContractTopics} with their partitions, replication and retention, the event
 * catalogue {@link EventType}, the CloudEvents headers the relay writes ({@code EventCodec}), and the
 * JSON Schemas and golden payloads of libs/events, embedded (payloads as JSON Schema, golden payloads as
 * examples). Every service serves it at {@value #PATH}; {@code docs/asyncapi.json} is the committed
 * copy for the default topic settings, which {@code AsyncApiDocumentTest} keeps equal.
 */
public final class AsyncApiDocument {

    /** Where every service serves the document, beside its OpenAPI document at {@code /v3/api-docs}. */
    public static final String PATH = "/v3/asyncapi";

    static final String SCHEMA_FORMAT = "application/schema+json;version=draft-07";
    static final String KAFKA_BINDING_VERSION = "0.5.0";
    static final String SUBMISSION = "BeneficiaryCountSubmission";
    static final String DEAD_LETTER = "DeadLetter";
    private static final String ISO3 = "^[A-Z]{3}$";
    private static final String TRACEPARENT_PATTERN = "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$";
    private static final String EXAMPLE_ID = "3f1c9a7e-52d4-4b8e-9c61-0d2e8f4a6b13";
    private static final String EXAMPLE_TIME = "2025-07-14T09:32:17.482Z";
    private static final String EXAMPLE_TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    /** A consumer of a topic: its service, the reaction, its consumer group and what the group name means. */
    record Consumer(String service, String reaction, String topic, String group, String groupPattern,
            boolean deadLetters, String description) {
    }

    /**
     * Who consumes what, in which consumer group (the defaults; each is configurable as noted). A
     * consumer dead-letters what it can never read to {@code <topic>.dlt}.
     */
    static final List<Consumer> CONSUMERS = List.of(
            new Consumer("reporting-service", "projectProgrammeEvents", Topics.PROGRAMME_EVENTS, null,
                    "^reporting-service\\.projection\\..+$", true, "Projects programmes, milestones and indicator results "
                            + "into the dashboards' read models. Group reporting-service.projection.<generation>: "
                            + "a replay builds a new generation in a new group from offset 0 (ADR 0012)."),
            new Consumer("reporting-service", "projectFinancingEvents", Topics.FINANCING_REPORT_EVENTS, null,
                    "^reporting-service\\.projection\\..+$", true, "Projects financing reports and exchange rates "
                            + "into the dashboards' read models (group reporting-service.projection.<generation>)."),
            new Consumer("reporting-service", "projectBeneficiaryCountEvents", Topics.BENEFICIARY_COUNT_EVENTS,
                    null, "^reporting-service\\.projection\\..+$", true, "Projects beneficiary counts into the "
                            + "dashboards' read models (group reporting-service.projection.<generation>)."),
            new Consumer("reporting-service", "onDashboardUpdated", Topics.DASHBOARD_UPDATES, null,
                    "^reporting-service\\.live\\..+$", false, "Streams every dashboard update to the browsers connected "
                            + "to this instance (server-sent events). One group per instance, "
                            + "reporting-service.live.<instance id>, so every instance reads every partition."),
            new Consumer("beneficiary-service", "onBeneficiaryCountSubmitted", Topics.BENEFICIARY_COUNT_SUBMISSIONS,
                    "beneficiary-service.submissions", null, false, "Validates and authorises inbound submissions of "
                            + "integrating systems; each record is answered by a BeneficiaryCountReported or a "
                            + "BeneficiaryCountSubmissionRejected (spmonitor.beneficiary.consumer-group-prefix)."),
            new Consumer("beneficiary-service", "onProgrammeEvent", Topics.PROGRAMME_EVENTS,
                    "beneficiary-service.programme-view", null, true, "Keeps the local view of programmes that "
                            + "submissions are checked against (spmonitor.programme-view.group)."),
            new Consumer("financing-service", "onProgrammeEvent", Topics.PROGRAMME_EVENTS,
                    "financing-service.programme-view", null, true, "Keeps the local view of programmes that financing "
                            + "reports are checked against (spmonitor.programme-view.group)."));

    private final JsonMapper json;
    private final PlatformProperties topics;

    public AsyncApiDocument(JsonMapper json, PlatformProperties topics) {
        this.json = json;
        this.topics = topics;
    }

    /** The document, as an AsyncAPI 3.0.0 JSON tree. */
    public ObjectNode build() {
        ObjectNode doc = json.createObjectNode();
        doc.put("asyncapi", "3.0.0");
        doc.put("id", "urn:org:spmonitor:events:v1");
        info(doc.putObject("info"));
        doc.put("defaultContentType", CloudEventHeaders.APPLICATION_JSON);
        ObjectNode local = doc.putObject("servers").putObject("local");
        local.put("host", "127.0.0.1:9092").put("protocol", "kafka").put("description", "The embedded default's "
                + "broker (KRaft). Elsewhere: the bootstrap servers of your deployment (KAFKA_BOOTSTRAP).");
        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");

        for (EventType type : EventType.values()) {
            messages.set(messageName(type), eventMessage(type));
        }
        messages.set(SUBMISSION, submissionMessage());
        messages.set(DEAD_LETTER, deadLetterMessage());

        for (String topic : ContractTopics.EVENT_TOPICS) {
            List<String> names = messagesOn(topic);
            channels.set(channelId(topic), channel(topic, describe(topic), names));
            channels.set(channelId(Topics.deadLetterTopicOf(topic)), channel(Topics.deadLetterTopicOf(topic),
                    "Records of " + topic + " that a consumer can never read (bad JSON, unknown ce_type, a payload "
                            + "that does not fit its type), unchanged, with the cause in kafka_dlt-* headers. "
                            + "Dead-lettered at once, without retries; for operators.",
                    List.of(DEAD_LETTER)));
        }
        producers(operations);
        consumers(operations);
        return doc;
    }

    private void info(ObjectNode info) {
        info.put("title", "spmonitor events");
        info.put("version", "v1");
        info.put("description", """
                The Kafka contract of spmonitor: every topic, who publishes and who consumes it (with the consumer \
                group), each event's JSON Schema, CloudEvents headers, record key and a golden example.

                Events are CloudEvents 1.0 in the Kafka protocol binding's binary mode: the JSON payload is the \
                record value, the attributes are ce_* headers, plus content-type and a W3C traceparent. The record \
                key is the ISO 3166-1 alpha-3 country (ExchangeRatePublished: the ISO 4217 currency), so \
                everything about one country is ordered on one partition. Delivery is at least once: keep the \
                highest `version` per ce_subject and ignore an older or equal one. Within v1 changes are \
                additive: ignore properties you do not know.

                The operations are spmonitor's own (send = a service publishes, receive = a service consumes). \
                An integrating system does the opposite: it receives from the event topics in a consumer group of \
                its own, and sends inbound submissions to beneficiaries.beneficiary-count-submissions.v1, whose \
                answers arrive on beneficiaries.beneficiary-count-events.v1 or beneficiaries.submission-rejections.v1.

                Each payload schema is libs/events' JSON Schema (draft 2020-12 file, written with draft-07 \
                keywords only), embedded with its $defs references made absolute within this document; its $id \
                is the ce_dataschema header's value.""");
        info.putObject("license").put("name", "Apache-2.0").put("url", "https://www.apache.org/licenses/LICENSE-2.0");
    }

    private static String describe(String topic) {
        return switch (topic) {
            case Topics.PROGRAMME_EVENTS -> "Changes of country programmes, their milestones and results "
                    + "indicators (and the reviews of indicator results), in the order of the changes, keyed by "
                    + "country.";
            case Topics.FINANCING_REPORT_EVENTS -> "SP&PFM financing reports (submitted, withdrawn, validated, "
                    + "returned), keyed by country, and exchange rates to USD, keyed by currency.";
            case Topics.BENEFICIARY_COUNT_EVENTS -> "Beneficiary counts (reported, withdrawn, validated, returned), "
                    + "keyed by country.";
            case Topics.BENEFICIARY_COUNT_SUBMISSIONS -> "Inbound: integrating systems (a national MIS) publish "
                    + "beneficiary count submissions here, one count per record, the same body as "
                    + "POST /api/v1/beneficiary-counts.";
            case Topics.SUBMISSION_REJECTIONS -> "Why an inbound submission was refused, quoting its ce_id as "
                    + "originalId: one answer per refused record, never dropped.";
            case Topics.DASHBOARD_UPDATES -> "Which country and year of the dashboards changed, with the new "
                    + "headline figures, for live dashboards and integrators.";
            case Topics.COMPLETENESS_EVENTS -> "Reporting obligations: a programme's reporting period whose data is "
                    + "past its due date and still missing, announced once per programme, period and dataset by "
                    + "reporting-service's overdue check, for integrators such as a reminder mailer (ADR 0020).";
            default -> throw new IllegalArgumentException("undocumented topic " + topic);
        };
    }

    /** The channel id of a topic: its name without dots, e.g. {@code programmes-programme-events-v1}. */
    static String channelId(String topic) {
        return topic.replace('.', '-');
    }

    static String messageName(EventType type) {
        return type.eventName();
    }

    private static List<String> messagesOn(String topic) {
        List<String> names = new ArrayList<>();
        for (EventType type : EventType.values()) {
            if (type.topic().equals(topic)) {
                names.add(messageName(type));
            }
        }
        if (topic.equals(Topics.BENEFICIARY_COUNT_SUBMISSIONS)) {
            names.add(SUBMISSION);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no message on " + topic);
        }
        return names;
    }

    private ObjectNode channel(String topic, String description, List<String> messageNames) {
        ObjectNode channel = json.createObjectNode();
        channel.put("address", topic);
        channel.put("title", topic);
        channel.put("description", description);
        ObjectNode messages = channel.putObject("messages");
        for (String name : messageNames) {
            messages.putObject(name).put("$ref", "#/components/messages/" + name);
        }
        ObjectNode kafka = channel.putObject("bindings").putObject("kafka");
        kafka.put("topic", topic);
        kafka.put("partitions", topics.partitions());
        kafka.put("replicas", (int) topics.replicationFactor());
        ObjectNode config = kafka.putObject("topicConfiguration");
        // ContractTopics.durable: the whole history is kept, replays from offset 0 depend on it
        config.putArray("cleanup.policy").add("delete");
        config.put("retention.ms", -1L);
        config.put("retention.bytes", -1L);
        config.put("min.insync.replicas", topics.minInsyncReplicas());
        kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
        return channel;
    }

    private static String producerOf(EventType type) {
        String context = type.typeName().split("\\.")[2];
        return switch (context) {
            case "programmes" -> "programme-service";
            case "financing" -> "financing-service";
            case "beneficiaries" -> "beneficiary-service";
            case "reporting" -> "reporting-service";
            default -> throw new IllegalStateException("no producer for context " + context);
        };
    }

    private void producers(ObjectNode operations) {
        Map<String, Map<String, List<String>>> byServiceAndTopic = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            byServiceAndTopic.computeIfAbsent(producerOf(type), s -> new LinkedHashMap<>())
                    .computeIfAbsent(type.topic(), t -> new ArrayList<>()).add(messageName(type));
        }
        for (Entry<String, Map<String, List<String>>> service : byServiceAndTopic.entrySet()) {
            for (Entry<String, List<String>> topic : service.getValue().entrySet()) {
                ObjectNode operation = operation("send", topic.getKey(), topic.getValue());
                operation.put("title", service.getKey() + " publishes on " + topic.getKey());
                operation.put("summary", String.join(", ", topic.getValue()));
                operation.put("description", Topics.DASHBOARD_UPDATES.equals(topic.getKey())
                        ? "Published by the projection after each batch that changed a country and year, with "
                                + "acks=all and idempotence."
                        : "Published from the service's transactional outbox (the same MongoDB write as the "
                                + "change) in the order of the changes, with acks=all and idempotence. Delivery is "
                                + "at least once: a redelivery carries the same ce_id.");
                tag(operation, service.getKey());
                operations.set(service.getKey() + ".publish." + channelId(topic.getKey()), operation);
            }
        }
    }

    private void consumers(ObjectNode operations) {
        for (Consumer consumer : CONSUMERS) {
            ObjectNode operation = operation("receive", consumer.topic(), messagesOn(consumer.topic()));
            operation.put("title", consumer.service() + " " + consumer.reaction());
            operation.put("description", consumer.description());
            ObjectNode groupId = json.createObjectNode().put("type", "string");
            if (consumer.group() != null) {
                groupId.putArray("enum").add(consumer.group());
            }
            else {
                groupId.put("pattern", consumer.groupPattern());
            }
            ObjectNode kafka = operation.putObject("bindings").putObject("kafka");
            kafka.set("groupId", groupId);
            kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
            tag(operation, consumer.service());
            operations.set(consumer.service() + "." + consumer.reaction(), operation);

            String deadLetters = Topics.deadLetterTopicOf(consumer.topic());
            String deadLetterId = consumer.service() + ".deadLetter." + channelId(consumer.topic());
            if (consumer.deadLetters() && !operations.has(deadLetterId)) {
                ObjectNode dead = operation("send", deadLetters, List.of(DEAD_LETTER));
                dead.put("title", consumer.service() + " dead-letters " + consumer.topic());
                dead.put("description", "A record of " + consumer.topic() + " that " + consumer.service()
                        + " can never read goes here at once, unchanged, with the cause in kafka_dlt-* headers. "
                        + "The send is synchronous: if it fails the batch is retried, so nothing is lost.");
                tag(dead, consumer.service());
                operations.set(deadLetterId, dead);
            }
        }
    }

    private ObjectNode operation(String action, String topic, List<String> messageNames) {
        ObjectNode operation = json.createObjectNode();
        operation.put("action", action);
        operation.putObject("channel").put("$ref", "#/channels/" + channelId(topic));
        ArrayNode messages = operation.putArray("messages");
        for (String name : messageNames) {
            messages.addObject().put("$ref", "#/channels/" + channelId(topic) + "/messages/" + name);
        }
        return operation;
    }

    private static void tag(ObjectNode node, String service) {
        node.putArray("tags").addObject().put("name", service);
    }

    private ObjectNode eventMessage(EventType type) {
        String name = messageName(type);
        DomainEvent golden = json.treeToValue(resource(type.goldenResource()), type.payloadType());
        boolean currency = type == EventType.EXCHANGE_RATE_PUBLISHED;

        ObjectNode message = message(name, name, "CloudEvents type " + type.typeName(), null,
                CloudEventHeaders.APPLICATION_JSON);
        ObjectNode headers = headers(message);
        ArrayNode required = (ArrayNode) headers.get("required");
        ObjectNode props = (ObjectNode) headers.get("properties");
        header(props, required, CloudEventHeaders.ID, "Unique id of this event (a UUID); a redelivery carries the "
                + "same id.").put("format", "uuid");
        header(props, required, CloudEventHeaders.SOURCE, "The publishing service.").putArray("enum")
                .add("/spmonitor/" + producerOf(type));
        header(props, required, CloudEventHeaders.TYPE, "The CloudEvents type.").putArray("enum").add(type.typeName());
        header(props, required, CloudEventHeaders.SPEC_VERSION, "CloudEvents specification version.")
                .putArray("enum").add(CloudEventHeaders.SPEC_VERSION_1_0);
        header(props, required, CloudEventHeaders.TIME, "When it happened, RFC 3339 in UTC.")
                .put("format", "date-time");
        header(props, required, CloudEventHeaders.SUBJECT, "The id of what the event is about: "
                + subjectOf(type) + ". Keep the highest version per subject.");
        header(props, required, CloudEventHeaders.DATA_SCHEMA, "The $id of the payload's JSON Schema.")
                .putArray("enum").add(type.dataSchema());
        header(props, required, CloudEventHeaders.CONTENT_TYPE, "Media type of the record value.")
                .putArray("enum").add(CloudEventHeaders.APPLICATION_JSON);
        header(props, required, CloudEventHeaders.TRACEPARENT, "W3C Trace Context of the cause (the request, "
                + "import or inbound submission); a plain Kafka header, as OpenTelemetry's Kafka instrumentation "
                + "reads it.").put("pattern", TRACEPARENT_PATTERN);
        if (type.name().startsWith("BENEFICIARY_COUNT_") && type != EventType.BENEFICIARY_COUNT_SUBMISSION_REJECTED) {
            originHeaders(props);
        }

        message.set("payload", payload(name, type.schemaResource()));
        message.putObject("correlationId").put("description", "The CloudEvents id").put("location",
                "$message.header#/" + CloudEventHeaders.ID);
        key(message, currency ? "ISO 4217 currency code of the rate (a rate is not about one country)."
                : type == EventType.BENEFICIARY_COUNT_SUBMISSION_REJECTED
                        ? "ISO 3166-1 alpha-3 country of the programme, or the submitted record's key when the "
                                + "programme is unknown."
                        : "ISO 3166-1 alpha-3 country the event is about: one country's events are ordered on one "
                                + "partition.", golden.key());

        ObjectNode example = message.putArray("examples").addObject();
        example.put("name", name);
        example.put("summary", "The golden payload of libs/events, as published (key " + golden.key() + ").");
        example.putObject("headers").put(CloudEventHeaders.ID, EXAMPLE_ID)
                .put(CloudEventHeaders.SOURCE, "/spmonitor/" + producerOf(type))
                .put(CloudEventHeaders.TYPE, type.typeName())
                .put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0)
                .put(CloudEventHeaders.TIME, EXAMPLE_TIME)
                .put(CloudEventHeaders.SUBJECT, golden.subject())
                .put(CloudEventHeaders.DATA_SCHEMA, type.dataSchema())
                .put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.APPLICATION_JSON)
                .put(CloudEventHeaders.TRACEPARENT, EXAMPLE_TRACEPARENT);
        example.set("payload", resource(type.goldenResource()));
        return message;
    }

    /** The optional CloudEvents extensions saying who caused an event and through which channel (ADR 0021). */
    private static void originHeaders(ObjectNode props) {
        header(props, null, CloudEventHeaders.ACTOR, "Optional CloudEvents extension: who made the change (the "
                + "subject of the caller's token, the validator of a review, or the submitting system of an inbound "
                + "record).");
        header(props, null, CloudEventHeaders.CHANNEL, "Optional CloudEvents extension: through which channel.")
                .putArray("enum").add("api").add("api-batch").add("import-csv").add("import-dhis2").add("kafka");
        header(props, null, CloudEventHeaders.CHANNEL_REF, "Optional CloudEvents extension: the import id of an "
                + "import, or the ce_id of the inbound record.");
        header(props, null, CloudEventHeaders.SOURCE_RECORD, "Optional CloudEvents extension, channel kafka: the "
                + "inbound record as topic/partition/offset.");
    }

    private static String subjectOf(EventType type) {
        return switch (type) {
            case PROGRAMME_REGISTERED, PROGRAMME_UPDATED, MILESTONE_REPORTED, INDICATOR_RESULT_REPORTED,
                    INDICATOR_RESULT_VALIDATED, INDICATOR_RESULT_RETURNED -> "the programmeId";
            case FINANCING_REPORT_SUBMITTED, FINANCING_REPORT_WITHDRAWN, FINANCING_REPORT_VALIDATED,
                    FINANCING_REPORT_RETURNED -> "the reportId";
            case EXCHANGE_RATE_PUBLISHED -> "currency/year, e.g. XOF/2025";
            case BENEFICIARY_COUNT_REPORTED, BENEFICIARY_COUNT_WITHDRAWN, BENEFICIARY_COUNT_VALIDATED,
                    BENEFICIARY_COUNT_RETURNED -> "the countId";
            case BENEFICIARY_COUNT_SUBMISSION_REJECTED -> "the originalId (the refused record's ce_id)";
            case DASHBOARD_UPDATED -> "country/year, e.g. KHM/2025";
            case REPORTING_PERIOD_OVERDUE -> "programmeId/period/dataset, e.g. prg-7k2m9q4x3t1a/2025Q1/FINANCING";
        };
    }

    private ObjectNode submissionMessage() {
        ObjectNode message = message(SUBMISSION, SUBMISSION, "An inbound beneficiary count from an integrating "
                + "system", "One count per record, the JSON body of POST /api/v1/beneficiary-counts; unknown fields "
                + "are refused. Authorised with the same country rules as the REST API. The answer is a "
                + "BeneficiaryCountReported (accepted) or a BeneficiaryCountSubmissionRejected quoting ce_id "
                + "(refused).", CloudEventHeaders.APPLICATION_JSON);
        ObjectNode headers = headers(message);
        ArrayNode required = (ArrayNode) headers.get("required");
        ObjectNode props = (ObjectNode) headers.get("properties");
        header(props, required, InboundTokenVerifier.HEADER, "Bearer <access token> of the submitting system, from "
                + "the same OAuth2 issuer as the REST APIs (client-credentials grant), valid at the record's "
                + "timestamp: role reporter with the programme's country in its countries claim, or admin.")
                .put("pattern", "^Bearer .+$");
        header(props, required, CloudEventHeaders.SUBMITTED_BY, "Display name of the submitting system, quoted "
                + "in rejections.").put("minLength", 1).put("maxLength", 200);
        header(props, null, CloudEventHeaders.ID, "Strongly recommended: a unique id per submission (a UUID), "
                + "quoted by the answers; without it they quote topic/partition/offset.");
        header(props, null, CloudEventHeaders.TYPE, "Optional; anything else is refused.").putArray("enum")
                .add("org.spmonitor.beneficiaries.BeneficiaryCountSubmission.v1");
        header(props, null, CloudEventHeaders.CONTENT_TYPE, "Optional; anything else is refused.")
                .putArray("enum").add(CloudEventHeaders.APPLICATION_JSON);
        header(props, null, CloudEventHeaders.SPEC_VERSION, "Optional.").putArray("enum")
                .add(CloudEventHeaders.SPEC_VERSION_1_0);
        header(props, null, CloudEventHeaders.SOURCE, "Optional: the submitting system as a URI path.");
        header(props, null, CloudEventHeaders.TIME, "Optional: RFC 3339 time.").put("format", "date-time");
        header(props, null, CloudEventHeaders.TRACEPARENT, "Optional W3C Trace Context; the answer continues "
                + "its trace.").put("pattern", TRACEPARENT_PATTERN);
        message.set("payload", payload(SUBMISSION, "/schemas/" + SUBMISSION + ".v1.schema.json"));
        message.putObject("correlationId").put("description", "The submission's id, quoted as originalId")
                .put("location", "$message.header#/" + CloudEventHeaders.ID);
        JsonNode golden = resource("/golden/" + SUBMISSION + ".v1.json");
        key(message, "ISO 3166-1 alpha-3 country of the programme (required: a record keyed with another "
                + "country is refused).", "KHM");
        ObjectNode example = message.putArray("examples").addObject();
        example.put("name", SUBMISSION);
        example.put("summary", "The golden submission of libs/events.");
        example.putObject("headers").put(InboundTokenVerifier.HEADER, "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")
                .put(CloudEventHeaders.SUBMITTED_BY, "khm-mosvy-mis").put(CloudEventHeaders.ID, EXAMPLE_ID)
                .put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.APPLICATION_JSON)
                .put(CloudEventHeaders.TRACEPARENT, EXAMPLE_TRACEPARENT);
        example.set("payload", golden);
        return message;
    }

    private ObjectNode deadLetterMessage() {
        ObjectNode message = message(DEAD_LETTER, "Dead letter", "A record that can never be processed, unchanged",
                "The original key, value and headers, plus spring-kafka's kafka_dlt-* headers naming the original "
                        + "topic, partition and offset and the cause.", null);
        ObjectNode headers = headers(message);
        ArrayNode required = (ArrayNode) headers.get("required");
        ObjectNode props = (ObjectNode) headers.get("properties");
        header(props, required, "kafka_dlt-original-topic", "Topic the record was read from.");
        header(props, required, "kafka_dlt-original-partition", "Its partition (4-byte big-endian integer).");
        header(props, required, "kafka_dlt-original-offset", "Its offset (8-byte big-endian integer).");
        header(props, null, "kafka_dlt-original-timestamp", "Its timestamp (8-byte big-endian integer).");
        header(props, null, "kafka_dlt-original-consumer-group", "The consumer group that gave up on it.");
        header(props, required, "kafka_dlt-exception-fqcn", "Class of the exception.");
        header(props, null, "kafka_dlt-exception-cause-fqcn", "Class of its cause.");
        header(props, required, "kafka_dlt-exception-message", "Why the record can never be read.");
        header(props, null, "kafka_dlt-exception-stacktrace", "Stack trace.");
        ObjectNode payload = message.putObject("payload");
        payload.put("schemaFormat", SCHEMA_FORMAT);
        payload.putObject("schema").put("description", "The original record value, byte for byte (it may be no "
                + "JSON at all).");
        ObjectNode kafka = message.putObject("bindings").putObject("kafka");
        kafka.putObject("key").put("type", "string").put("description", "The original record key.");
        kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
        return message;
    }

    private ObjectNode message(String name, String title, String summary, String description, String contentType) {
        ObjectNode message = json.createObjectNode();
        message.put("name", name);
        message.put("title", title);
        message.put("summary", summary);
        if (description != null) {
            message.put("description", description);
        }
        if (contentType != null) {
            message.put("contentType", contentType);
        }
        return message;
    }

    /** The message's headers schema: an object with {@code required} and {@code properties}, both empty. */
    private static ObjectNode headers(ObjectNode message) {
        ObjectNode headers = message.putObject("headers");
        headers.put("type", "object");
        headers.putArray("required");
        headers.putObject("properties");
        return headers;
    }

    private static ObjectNode header(ObjectNode props, ArrayNode required, String name, String description) {
        ObjectNode header = props.putObject(name);
        header.put("type", "string");
        header.put("description", description);
        if (required != null) {
            required.add(name);
        }
        return header;
    }

    private static void key(ObjectNode message, String description, String example) {
        ObjectNode kafka = message.putObject("bindings").putObject("kafka");
        kafka.putObject("key").put("type", "string").put("pattern", ISO3).put("description", description)
                .putArray("examples").add(example);
        kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
    }

    /**
     * The payload schema of libs/events embedded as a JSON Schema: without {@code $schema} and {@code $id}
     * (the id is the ce_dataschema header's value), its {@code #/$defs/...} references pointing into this
     * document, where the schema now lives.
     */
    private ObjectNode payload(String messageName, String schemaResource) {
        ObjectNode schema = (ObjectNode) resource(schemaResource);
        schema.remove("$schema");
        schema.remove("$id");
        rewriteRefs(schema, "#/$defs/", "#/components/messages/" + messageName + "/payload/schema/$defs/");
        ObjectNode payload = json.createObjectNode();
        payload.put("schemaFormat", SCHEMA_FORMAT);
        payload.set("schema", schema);
        return payload;
    }

    private static void rewriteRefs(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith(from)) {
                object.put("$ref", to + ref.asString().substring(from.length()));
            }
            for (Iterator<JsonNode> children = object.values().iterator(); children.hasNext();) {
                rewriteRefs(children.next(), from, to);
            }
        }
        else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, from, to));
        }
    }

    private JsonNode resource(String path) {
        try (InputStream in = EventType.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + path + " in libs/events");
            }
            return json.readTree(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
