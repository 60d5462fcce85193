package org.spmonitor.programme.countryprogramme;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.spmonitor.events.EventType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Object mother of request bodies as a country team sends them: fresh, mutable JSON trees, so a test
 * can spoil one field. The Cambodian and Senegalese programmes are the golden files of the contract.
 */
public final class RequestBodies {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** Cambodia's Family Package exactly as the ProgrammeRegistered golden file describes it. */
    public static ObjectNode cambodiaFamilyPackage() {
        ObjectNode body = golden(EventType.PROGRAMME_REGISTERED);
        body.remove("programmeId");
        body.remove("version");
        return body;
    }

    /** Senegal's PNBSF in the state of the ProgrammeUpdated golden file (version 4). */
    public static ObjectNode senegalPnbsf() {
        ObjectNode body = golden(EventType.PROGRAMME_UPDATED);
        body.remove("programmeId");
        body.remove("version");
        body.remove("changedFields");
        return body;
    }

    /** A small programme: Cambodia, from 2024, open-ended, active, for children, with a 2025 target. */
    public static ObjectNode openEndedProgramme(String name) {
        ObjectNode body = JSON.createObjectNode();
        body.put("country", "KHM");
        body.put("name", name);
        body.put("startDate", "2024-01-01");
        body.put("status", "ACTIVE");
        body.putArray("partners").add("ILO").add("UNICEF");
        body.putArray("targetGroups").add("CHILDREN");
        ObjectNode target = body.putArray("annualTargets").addObject();
        target.put("year", 2025);
        target.put("targetPopulation", 1_000_000);
        target.put("targetBeneficiaries", 400_000);
        return body;
    }

    /** A programme of {@code country} running 2024 to 2027. */
    public static ObjectNode programme(String country, String name) {
        ObjectNode body = openEndedProgramme(name);
        body.put("country", country);
        body.put("endDate", "2027-12-31");
        return body;
    }

    /** The sub-decree milestone of the MilestoneReported golden file, as first planned. */
    public static ObjectNode subDecreeMilestone() {
        ObjectNode body = JSON.createObjectNode();
        body.put("title", golden(EventType.MILESTONE_REPORTED).get("title").asString());
        body.put("dueDate", "2025-06-30");
        body.put("status", "PLANNED");
        body.put("statusDate", "2025-01-10");
        return body;
    }

    public static ObjectNode statusChange(String status, String date, String note) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", status);
        body.put("date", date);
        if (note != null) {
            body.put("note", note);
        }
        return body;
    }

    /** The note of the MilestoneReported golden file. */
    public static String goldenMilestoneNote() {
        return golden(EventType.MILESTONE_REPORTED).get("note").asString();
    }

    /** SDG 1.3.1 as in the IndicatorResultReported golden file: baseline 24.1 % in 2020, target 40.0 % in 2027. */
    public static ObjectNode sdg131() {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", "SDG-1.3.1");
        body.put("name", "Proportion of population covered by at least one social protection benefit");
        body.put("unit", "%");
        ObjectNode baseline = body.putObject("baseline");
        baseline.put("value", "24.1");
        baseline.put("year", 2020);
        ObjectNode target = body.putObject("target");
        target.put("value", "40.0");
        target.put("year", 2027);
        return body;
    }

    public static ObjectNode result(String indicatorCode, String period, String actualValue) {
        ObjectNode body = JSON.createObjectNode();
        body.put("indicatorCode", indicatorCode);
        body.put("period", period);
        body.put("actualValue", actualValue);
        return body;
    }

    /** The golden payload of {@code type}, as a fresh tree. */
    public static ObjectNode golden(EventType type) {
        try (InputStream in = EventType.class.getResourceAsStream(type.goldenResource())) {
            return (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static ArrayNode array(String... values) {
        ArrayNode array = JSON.createArrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    public static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    private RequestBodies() {
    }
}
