package org.spmonitor.beneficiary.count.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.spmonitor.beneficiary.count.application.CountService;
import org.spmonitor.beneficiary.count.application.SubmissionReader;
import org.spmonitor.beneficiary.count.domain.CountWrite;
import org.spmonitor.platform.web.Idempotency;
import org.spmonitor.platform.web.ProblemDetailsAdvice;
import org.spmonitor.platform.write.WriteOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

/**
 * The web layer alone: how request bodies and parameters are read and refused. The service (the only
 * way from the controller to the data) is a stand-in, used to prove that refused input never reaches
 * it; what happens behind it is covered by the integration tests against the real broker and database.
 */
@WebMvcTest(CountController.class)
@Import({ SubmissionReader.class, ProblemDetailsAdvice.class, CountControllerWebTest.NoStoredKeys.class })
class CountControllerWebTest {

    @TestConfiguration
    static class NoStoredKeys {
        /** Without an Idempotency-Key header, Idempotency never touches its store. */
        @Bean
        Idempotency idempotency(JsonMapper mapper) {
            return new Idempotency(null, mapper);
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CountService service;

    @org.junit.jupiter.api.BeforeEach
    void noProgrammeIsKnownLocally() {
        when(service.programmeLookup()).thenReturn(new org.spmonitor.platform.programmeview.ProgrammeLookup(
                id -> java.util.Optional.empty()));
    }

    private static final String ONE = "{\"programmeId\": \"prg-1\", \"period\": \"2025\", \"targetGroup\": \"CHILDREN\","
            + " \"measure\": \"NEW\", \"total\": 3}";

    @Test
    void namesEachUnreadableBatchItemByIndexAndCallsNothingBehind() throws Exception {
        mvc.perform(post("/api/v1/beneficiary-counts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\": [" + ONE + ", {\"colour\": 1}, {\"total\": 2.5}, {\"sex\": {\"female\": \"x\"}}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", Matchers.startsWith("application/problem+json")))
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("items[1].colour",
                        "items[2].total", "items[3].sex.female")));
        verifyNoInteractions(service);
    }

    @Test
    void aReviewWithABadDecisionNoVersionOrAReturnWithoutCommentIsRefusedNamingEachField() throws Exception {
        mvc.perform(post("/api/v1/beneficiary-counts/cnt-1/review").contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\": \"APPROVED\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", Matchers.startsWith("application/problem+json")))
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("decision", "version")));
        mvc.perform(post("/api/v1/beneficiary-counts/cnt-1/review").contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"2\"").content("{\"decision\": \"RETURNED\", \"version\": 3}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("version", "comment")));
        mvc.perform(post("/api/v1/beneficiary-counts/cnt-1/review").contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\": \"VALIDATED\", \"version\": \"three\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", Matchers.startsWith("application/problem+json")));
        verifyNoInteractions(service);
    }

    @Test
    void refusesABatchBodyWithOtherFieldsThanItems() throws Exception {
        mvc.perform(post("/api/v1/beneficiary-counts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\": [], \"dryRun\": true}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("dryRun"));
        verifyNoInteractions(service);
    }

    @Test
    void answersANewCountWith201AndItsLocation() throws Exception {
        when(service.submit(any(), any())).thenReturn(new CountWrite("cnt-abc", 1, WriteOutcome.CREATED));
        mvc.perform(post("/api/v1/beneficiary-counts").contentType(MediaType.APPLICATION_JSON).content(ONE))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/beneficiary-counts/cnt-abc"))
                .andExpect(jsonPath("$.outcome").value("CREATED"));
    }

    @Test
    void refusesBadListParametersBeforeQueryingAnything() throws Exception {
        mvc.perform(get("/api/v1/beneficiary-counts").param("country", "XX").param("size", "0").param("page", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("country", "size", "page")));
        mvc.perform(get("/api/v1/beneficiary-counts").param("targetGroup", "ALIENS"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("targetGroup"));
        verifyNoInteractions(service);
    }

    @Test
    void answersAnUnknownCountWith404ProblemDetails() throws Exception {
        when(service.find("cnt-none")).thenReturn(Optional.empty());
        mvc.perform(get("/api/v1/beneficiary-counts/cnt-none"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("no beneficiary count cnt-none"));
    }
}
