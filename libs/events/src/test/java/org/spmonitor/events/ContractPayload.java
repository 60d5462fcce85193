package org.spmonitor.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;

/**
 * One payload of the published contract: every {@link EventType}, plus the inbound
 * {@link BeneficiaryCountSubmission} that integrating systems publish on
 * {@link Topics#BENEFICIARY_COUNT_SUBMISSIONS}.
 */
record ContractPayload(String name, Class<?> payloadType, String schemaResource, String goldenResource, Object sample) {

    static final String SUBMISSION = "BeneficiaryCountSubmission";

    static ContractPayload of(EventType type) {
        return new ContractPayload(type.eventName(), type.payloadType(), type.schemaResource(), type.goldenResource(),
                SampleEvents.of(type));
    }

    static ContractPayload submission() {
        return new ContractPayload(SUBMISSION, BeneficiaryCountSubmission.class,
                "/schemas/" + SUBMISSION + ".v1.schema.json", "/golden/" + SUBMISSION + ".v1.json",
                SampleEvents.beneficiaryCountSubmission());
    }

    static Stream<ContractPayload> all() {
        return Stream.concat(Arrays.stream(EventType.values()).map(ContractPayload::of), Stream.of(submission()));
    }

    static ContractPayload named(String name) {
        return all().filter(payload -> payload.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no payload " + name));
    }

    String schemaText() {
        return resource(schemaResource);
    }

    String goldenText() {
        return resource(goldenResource);
    }

    static String resource(String name) {
        try (InputStream in = ContractPayload.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
