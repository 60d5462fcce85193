package org.spmonitor.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.ForbiddenException;
import org.spmonitor.platform.validation.InvalidInputException;
import org.spmonitor.platform.validation.NotFoundException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The advice's answers, called directly: status, title, and each bad field named by its JSON path. */
class ProblemDetailsAdviceTest {

    enum Source { DOMESTIC_TAX, EXTERNAL_GRANT }

    record Line(Source source, BigDecimal allocated) {
    }

    record Report(String country, List<Line> lines) {
    }

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    private static FieldViolation describe(String json) {
        JacksonException ex = catchThrowableOfType(JacksonException.class, () -> STRICT.readValue(json, Report.class));
        return ProblemDetailsAdvice.describe(ex);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> errors(ProblemDetail problem) {
        return (List<Map<String, String>>) problem.getProperties().get("errors");
    }

    @Test
    void namesAnUnknownFieldByItsPathInsideArrays() {
        FieldViolation violation = describe("{\"country\": \"KHM\", \"lines\": [{}, {\"colour\": 1}]}");

        assertThat(violation.field()).isEqualTo("lines[1].colour");
        assertThat(violation.message()).isEqualTo("is not a known field");
    }

    @Test
    void namesABadEnumValueAndListsTheAllowedOnes() {
        FieldViolation violation = describe("{\"lines\": [{\"source\": \"LOTTERY\"}]}");

        assertThat(violation.field()).isEqualTo("lines[0].source");
        assertThat(violation.message()).contains("'LOTTERY'").contains("DOMESTIC_TAX").contains("EXTERNAL_GRANT");
    }

    @Test
    void namesAFieldOfTheWrongType() {
        assertThat(describe("{\"lines\": [{\"allocated\": [1]}]}").field()).isEqualTo("lines[0].allocated");
    }

    @Test
    void saysWhenTheBodyIsNotJsonOrMissing() {
        assertThat(describe("{\"country\": ").field()).isEmpty();
        assertThat(describe("{\"country\": ").message()).startsWith("the body is not valid JSON");
        assertThat(ProblemDetailsAdvice.describe(null).message()).isEqualTo("the body is missing or not readable");
    }

    @Test
    void answersInvalidInputWith400ListingEveryField() {
        InvalidInputException ex = new InvalidInputException(List.of(new FieldViolation("country", "is required"),
                new FieldViolation("lines[0].allocated", "must be 0 or more")));

        ResponseEntity<ProblemDetail> answer = advice.invalid(ex);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().getType()).isEqualTo(ProblemDetailsAdvice.VALIDATION_TYPE);
        assertThat(answer.getBody().getDetail()).isEqualTo("2 fields are invalid");
        assertThat(errors(answer.getBody())).extracting(error -> error.get("field"))
                .containsExactly("country", "lines[0].allocated");
    }

    @Test
    void oneInvalidFieldIsNamedInTheDetail() {
        ProblemDetail problem = ProblemDetailsAdvice.validationProblem(List.of(new FieldViolation("period", "is required")));

        assertThat(problem.getDetail()).isEqualTo("period is required");
    }

    @Test
    void answersEachRefusalWithItsStatus() {
        assertThat(advice.notFound(new NotFoundException("no report r-1")).getStatusCode().value()).isEqualTo(404);
        assertThat(advice.forbidden(new ForbiddenException("not yours")).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<ProblemDetail> conflict = advice.conflict(new ConflictException("key reused"));
        assertThat(conflict.getStatusCode().value()).isEqualTo(409);
        assertThat(conflict.getBody().getDetail()).isEqualTo("key reused");
    }

    @Test
    void anUnreachableDatabaseIsARetryable503() {
        ResponseEntity<ProblemDetail> answer = advice.databaseUnavailable(
                new DataAccessResourceFailureException("timed out", new java.net.ConnectException("refused")));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody().getDetail()).contains("Idempotency-Key");
    }
}
