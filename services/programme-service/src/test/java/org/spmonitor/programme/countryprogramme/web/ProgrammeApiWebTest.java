package org.spmonitor.programme.countryprogramme.web;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.spmonitor.platform.write.WriteOutcome;
import org.spmonitor.programme.countryprogramme.RequestBodies;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The HTTP contract of the programme resource: status codes, headers, problem details. */
@WebMvcTest({ ProgrammeController.class, MilestoneController.class, IndicatorController.class })
@Import(WebSliceConfiguration.class)
class ProgrammeApiWebTest {

    private static final String PROGRAMMES = "/api/v1/programmes";

    @Autowired
    MockMvc mvc;

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, Object body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body.toString());
    }

    private static ObjectNode programme() {
        return RequestBodies.programme("KHM", "Family Package " + UUID.randomUUID());
    }

    private String register(ObjectNode body) throws Exception {
        MvcResult result = mvc.perform(json(post(PROGRAMMES), body)).andExpect(status().isCreated()).andReturn();
        return RequestBodies.tree(result.getResponse().getContentAsString()).get("id").asString();
    }

    @Test
    void registeringAnswers201WithLocationVersionOneAsETagAndTheOutcome() throws Exception {
        mvc.perform(json(post(PROGRAMMES), programme()))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", matchesPattern(PROGRAMMES + "/prg-[0-9a-z]{12}")))
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(header().string("Spmonitor-Outcome", "CREATED"))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.annualTargets[0].targetPopulation").value(1_000_000))
                .andExpect(jsonPath("$.milestones").isEmpty())
                .andExpect(jsonPath("$.registeredBy").value("test-admin"));
    }

    @Test
    void registeringTheSameDetailsAgainAnswers200WithTheExistingProgramme() throws Exception {
        ObjectNode body = programme();
        String id = register(body);

        mvc.perform(json(post(PROGRAMMES), body))
                .andExpect(status().isOk())
                .andExpect(header().string("Location", PROGRAMMES + "/" + id))
                .andExpect(header().string("Spmonitor-Outcome", "UNCHANGED"))
                .andExpect(jsonPath("$.id").value(id));
        body.put("description", "Something else");
        mvc.perform(json(post(PROGRAMMES), body))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString(id)));
    }

    @Test
    void refusesAnUnknownFieldNamingItsPath() throws Exception {
        ObjectNode body = programme();
        body.withArray("annualTargets").get(0).asObject().put("coverage", 0.4);

        mvc.perform(json(post(PROGRAMMES), body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://spmonitor.org/problems/validation"))
                .andExpect(jsonPath("$.errors[0].field").value("annualTargets[0].coverage"))
                .andExpect(jsonPath("$.errors[0].message").value("is not a known field"));
    }

    @Test
    void refusesAnUnknownEnumValueNamingItsPathAndTheAllowedValues() throws Exception {
        ObjectNode body = programme();
        body.set("floorGuarantees", RequestBodies.array("CHILDREN", "PENSIONS"));

        mvc.perform(json(post(PROGRAMMES), body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("floorGuarantees[1]"))
                .andExpect(jsonPath("$.errors[0].message", containsString("OLDER_PERSONS")));
    }

    @Test
    void namesEveryBadFieldOfARegistrationAtOnce() throws Exception {
        ObjectNode body = programme();
        body.put("country", "Cambodia");
        body.put("endDate", "2023-12-31");
        body.put("version", 1);
        body.withArray("annualTargets").get(0).asObject().put("targetBeneficiaries", 2_000_000);

        mvc.perform(json(post(PROGRAMMES), body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("4 fields are invalid"))
                .andExpect(jsonPath("$.errors[*].field", contains("version", "country", "endDate",
                        "annualTargets[0].targetBeneficiaries")));
    }

    @Test
    void recordsTheAuthenticatedCallerAsTheAuthorOfAVersion() throws Exception {
        String id = register(programme());

        mvc.perform(get(PROGRAMMES + "/" + id + "/history"))
                .andExpect(jsonPath("$.versions[0].by").value("test-admin"));
        mvc.perform(json(post(PROGRAMMES + "/" + id + "/milestones"), RequestBodies.subDecreeMilestone())
                        .with(jwt().jwt(token -> token.subject("khm-country-team").claim("roles", List.of("reporter"))
                                .claim("countries", List.of("KHM"))).authorities(new SimpleGrantedAuthority("ROLE_reporter"))))
                .andExpect(status().isCreated());
        mvc.perform(get(PROGRAMMES + "/" + id + "/history"))
                .andExpect(jsonPath("$.versions[1].by").value("khm-country-team"))
                .andExpect(jsonPath("$.versions[1].kind").value("MILESTONE_ADDED"));
    }

    @Test
    void aReplacementNamingAStaleVersionIsAConflictAndTheCurrentVersionIsAccepted() throws Exception {
        ObjectNode body = programme();
        String id = register(body);
        body.put("status", "SUSPENDED");
        mvc.perform(json(put(PROGRAMMES + "/" + id), body).header("If-Match", "\"1\""))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"2\""))
                .andExpect(header().string("Spmonitor-Outcome", "UPDATED"));

        body.put("status", "COMPLETED");
        mvc.perform(json(put(PROGRAMMES + "/" + id), body).header("If-Match", "\"1\""))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString("version 2")));
        body.put("version", 1);
        mvc.perform(json(put(PROGRAMMES + "/" + id), body)).andExpect(status().isConflict());
        body.put("version", 2);
        mvc.perform(json(put(PROGRAMMES + "/" + id), body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.version").value(3));
    }

    @Test
    void anIdenticalReplacementIsUnchangedAndKeepsTheVersion() throws Exception {
        ObjectNode body = programme();
        String id = register(body);

        mvc.perform(json(put(PROGRAMMES + "/" + id), body))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(header().string("Spmonitor-Outcome", "UNCHANGED"));
        mvc.perform(get(PROGRAMMES + "/" + id + "/history")).andExpect(jsonPath("$.versions.length()").value(1));
    }

    @Test
    void refusesAMalformedIfMatchAndAVersionThatContradictsIt() throws Exception {
        ObjectNode body = programme();
        String id = register(body);

        mvc.perform(json(put(PROGRAMMES + "/" + id), body).header("If-Match", "version one"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("If-Match"));
        body.put("version", 2);
        mvc.perform(json(put(PROGRAMMES + "/" + id), body).header("If-Match", "W/\"1\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("version"));
    }

    @Test
    void readingAProgrammeGivesItsVersionAsETag() throws Exception {
        String id = register(programme());

        mvc.perform(get(PROGRAMMES + "/" + id))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.id").value(id));
    }

    @Test
    void anUnknownProgrammeIsA404ProblemDetail() throws Exception {
        mvc.perform(get(PROGRAMMES + "/prg-nothere"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Not found"))
                .andExpect(jsonPath("$.detail").value("no programme prg-nothere"));
        mvc.perform(json(put(PROGRAMMES + "/prg-nothere"), programme())).andExpect(status().isNotFound());
        mvc.perform(get(PROGRAMMES + "/prg-nothere/history")).andExpect(status().isNotFound());
    }

    @Test
    void listingValidatesEveryFilterAndPagingParameter() throws Exception {
        mvc.perform(get(PROGRAMMES).param("country", "kh").param("status", "RUNNING").param("targetGroup", "YOUTH")
                        .param("page", "-1").param("size", "1000"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field",
                        containsInAnyOrder("country", "status", "targetGroup", "page", "size")))
                .andExpect(jsonPath("$.errors[?(@.field == 'status')].message", hasItem(containsString("ACTIVE"))));
        mvc.perform(get(PROGRAMMES).param("size", "ten"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    void listingAnswersOnePageWithTheTotalAndWithoutMilestones() throws Exception {
        String partner = "Partner " + UUID.randomUUID();
        for (String country : new String[] { "SEN", "KHM", "UGA" }) {
            ObjectNode body = RequestBodies.programme(country, "Programme with " + partner);
            body.set("partners", RequestBodies.array(partner));
            register(body);
        }

        MvcResult result = mvc.perform(get(PROGRAMMES).param("partner", partner.toUpperCase()).param("size", "2")
                        .param("page", "1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(3))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.size").value(2))
                .andReturn();
        JsonNode items = RequestBodies.tree(result.getResponse().getContentAsString()).get("items");
        org.assertj.core.api.Assertions.assertThat(items).singleElement().satisfies(item -> {
            org.assertj.core.api.Assertions.assertThat(item.get("country").asString()).isEqualTo("UGA");
            org.assertj.core.api.Assertions.assertThat(item.has("milestones")).isFalse();
        });
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndCreatesNothingNew() throws Exception {
        String key = UUID.randomUUID().toString();
        ObjectNode body = programme();
        MvcResult first = mvc.perform(json(post(PROGRAMMES), body).header("Idempotency-Key", key))
                .andExpect(status().isCreated()).andReturn();
        String id = RequestBodies.tree(first.getResponse().getContentAsString()).get("id").asString();

        mvc.perform(json(post(PROGRAMMES), body).header("Idempotency-Key", key))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(header().string("Location", PROGRAMMES + "/" + id))
                .andExpect(header().string("ETag", first.getResponse().getHeader("ETag")))
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(header().string("Spmonitor-Outcome", "CREATED"))
                .andExpect(jsonPath("$.id").value(id));
        mvc.perform(json(post(PROGRAMMES), programme()).header("Idempotency-Key", key))
                .andExpect(status().isConflict());
        mvc.perform(json(post(PROGRAMMES + "/" + id + "/milestones"), RequestBodies.subDecreeMilestone())
                        .header("Idempotency-Key", key))
                .andExpect(status().isConflict());
        mvc.perform(get(PROGRAMMES + "/" + id + "/milestones")).andExpect(jsonPath("$.length()").value(0));
    }
}
