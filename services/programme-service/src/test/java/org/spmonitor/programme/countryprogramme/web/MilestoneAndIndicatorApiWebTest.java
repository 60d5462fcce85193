package org.spmonitor.programme.countryprogramme.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spmonitor.platform.write.WriteOutcome;
import org.spmonitor.programme.countryprogramme.RequestBodies;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.node.ObjectNode;

/** The HTTP contract of milestones, indicators and indicator results. */
@WebMvcTest({ ProgrammeController.class, MilestoneController.class, IndicatorController.class })
@Import(WebSliceConfiguration.class)
class MilestoneAndIndicatorApiWebTest {

    @Autowired
    MockMvc mvc;

    private String base;

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, Object body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body.toString());
    }

    @BeforeEach
    void registerAProgramme() throws Exception {
        MvcResult result = mvc.perform(json(post("/api/v1/programmes"),
                RequestBodies.programme("KHM", "Family Package " + UUID.randomUUID()))).andReturn();
        base = result.getResponse().getHeader("Location");
    }

    private String addSubDecree() throws Exception {
        MvcResult result = mvc.perform(json(post(base + "/milestones"), RequestBodies.subDecreeMilestone()))
                .andExpect(status().isCreated()).andReturn();
        return RequestBodies.tree(result.getResponse().getContentAsString()).path("milestone").path("id").asString();
    }

    @Test
    void addingAMilestoneAnswers201WithItsLocationAndTheProgrammesNewVersion() throws Exception {
        mvc.perform(json(post(base + "/milestones"), RequestBodies.subDecreeMilestone()))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", matchesPattern(base + "/milestones/mst-[0-9a-z]{8}")))
                .andExpect(header().string("ETag", "\"2\""))
                .andExpect(jsonPath("$.programmeVersion").value(2))
                .andExpect(jsonPath("$.outcome").value("CREATED"))
                .andExpect(jsonPath("$.milestone.status").value("PLANNED"))
                .andExpect(jsonPath("$.milestone.statusChanges.length()").value(1));
    }

    @Test
    void addingTheSameMilestoneAgainIsUnchangedAndAnotherUnderItsTitleAConflict() throws Exception {
        String id = addSubDecree();

        mvc.perform(json(post(base + "/milestones"), RequestBodies.subDecreeMilestone()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("UNCHANGED"))
                .andExpect(jsonPath("$.milestone.id").value(id))
                .andExpect(jsonPath("$.programmeVersion").value(2));
        ObjectNode rescheduled = RequestBodies.subDecreeMilestone();
        rescheduled.put("dueDate", "2025-12-31");
        mvc.perform(json(post(base + "/milestones"), rescheduled))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString(id)));
    }

    @Test
    void aStatusChangeAnswersTheMilestoneWithItsDatedNote() throws Exception {
        String id = addSubDecree();

        mvc.perform(json(post(base + "/milestones/" + id + "/status-changes"),
                        RequestBodies.statusChange("AT_RISK", "2025-05-15", "Financing annex under review")))
                .andExpect(status().isOk())
                .andExpect(header().string("Spmonitor-Outcome", "UPDATED"))
                .andExpect(jsonPath("$.programmeVersion").value(3))
                .andExpect(jsonPath("$.milestone.status").value("AT_RISK"))
                .andExpect(jsonPath("$.milestone.statusDate").value("2025-05-15"))
                .andExpect(jsonPath("$.milestone.note").value("Financing annex under review"))
                .andExpect(jsonPath("$.milestone.statusChanges[1].recordedBy").value("test-admin"));
        mvc.perform(get(base + "/milestones/" + id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("AT_RISK"));
        mvc.perform(get(base + "/milestones")).andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void aStatusChangeOfAnUnknownMilestoneIs404AndAnInvalidOneNamesItsFields() throws Exception {
        String id = addSubDecree();

        mvc.perform(json(post(base + "/milestones/mst-nothere/status-changes"),
                RequestBodies.statusChange("ACHIEVED", null, null))).andExpect(status().isNotFound());
        mvc.perform(get(base + "/milestones/mst-nothere")).andExpect(status().isNotFound());
        mvc.perform(json(post(base + "/milestones/" + id + "/status-changes"), "{\"status\":\"DONE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"))
                .andExpect(jsonPath("$.errors[0].message", containsString("ACHIEVED")));
    }

    @Test
    void definingAnIndicatorAndReportingResultsAnswerWithLocationsAndOutcomes() throws Exception {
        mvc.perform(json(post(base + "/indicators"), RequestBodies.sdg131()))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", base + "/indicators/SDG-1.3.1"))
                .andExpect(jsonPath("$.indicator.baseline.value").value("24.1"))
                .andExpect(jsonPath("$.indicator.target.value").value("40.0"));
        mvc.perform(json(post(base + "/indicator-results"), RequestBodies.result("SDG-1.3.1", "2025Q1", "29.5")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", base + "/indicators/SDG-1.3.1/results/2025Q1"))
                .andExpect(jsonPath("$.outcome").value("CREATED"))
                .andExpect(jsonPath("$.programmeVersion").value(3));
        mvc.perform(json(post(base + "/indicator-results"),
                        "{\"indicatorCode\":\"SDG-1.3.1\",\"period\":\"2025Q1\",\"actualValue\":29.75}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("UPDATED"))
                .andExpect(jsonPath("$.actualValue").value("29.75"));
        mvc.perform(json(post(base + "/indicator-results"), RequestBodies.result("SDG-1.3.1", "2025Q1", "29.750")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("UNCHANGED"))
                .andExpect(jsonPath("$.programmeVersion").value(4));
        mvc.perform(get(base + "/indicators/sdg-1.3.1/results/2025Q1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actualValue").value("29.75"));
        mvc.perform(get(base + "/indicators/SDG-1.3.1/results/2025Q2")).andExpect(status().isNotFound());
    }

    @Test
    void revisingAnIndicatorKeepsItsResults() throws Exception {
        mvc.perform(json(post(base + "/indicators"), RequestBodies.sdg131())).andExpect(status().isCreated());
        mvc.perform(json(post(base + "/indicator-results"), RequestBodies.result("SDG-1.3.1", "2025", "31.6")))
                .andExpect(status().isCreated());
        ObjectNode revised = RequestBodies.sdg131();
        revised.remove("code");
        revised.withObject("target").put("value", "45");

        mvc.perform(json(put(base + "/indicators/SDG-1.3.1"), revised))
                .andExpect(status().isOk())
                .andExpect(header().string("Spmonitor-Outcome", "UPDATED"))
                .andExpect(jsonPath("$.indicator.target.value").value("45"))
                .andExpect(jsonPath("$.indicator.results[0].actualValue").value("31.6"));
        mvc.perform(get(base + "/indicators")).andExpect(jsonPath("$[0].target.value").value("45"));
        mvc.perform(json(put(base + "/indicators/SDG-9"), revised)).andExpect(status().isNotFound());
    }

    @Test
    void aResultForAnIndicatorNotDefinedNamesTheField() throws Exception {
        mvc.perform(json(post(base + "/indicator-results"), RequestBodies.result("SDG-1.3.1", "2025", "31.6")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("indicatorCode"))
                .andExpect(jsonPath("$.errors[0].message", containsString("define it first")));
    }
}
