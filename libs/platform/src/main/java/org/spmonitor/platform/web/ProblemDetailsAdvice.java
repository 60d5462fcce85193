package org.spmonitor.platform.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.ForbiddenException;
import org.spmonitor.platform.validation.InvalidInputException;
import org.spmonitor.platform.validation.JsonPaths;
import org.spmonitor.platform.validation.NotFoundException;

import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error as RFC 9457 problem details. Validation errors carry {@code errors: [{field, message}]}
 * naming each bad field by its JSON path.
 */
@RestControllerAdvice
@Order(0)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    public static final URI VALIDATION_TYPE = URI.create("https://spmonitor.org/problems/validation");

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException ex) {
        return ResponseEntity.badRequest().body(validationProblem(ex.violations()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(ForbiddenException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
        problem.setTitle("Forbidden");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setTitle("Conflict");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    /**
     * The database cannot be reached (server down, no server selected in time, connection cut): a 503
     * the client can retry, not a 500 that looks like a defect. Whether the write happened is then
     * unknown to the service; sending the same request again (with the same {@code Idempotency-Key})
     * is safe, since an identical re-submission is stored once.
     */
    @ExceptionHandler(DataAccessResourceFailureException.class)
    ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessResourceFailureException ex) {
        log.warn("Database unavailable, answered 503: {}", ex.getMostSpecificCause().getClass().getSimpleName());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The database is unavailable; the request could not be completed. Retry in a few seconds with the"
                        + " same Idempotency-Key.");
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        return ResponseEntity.badRequest().body(validationProblem(
                List.of(new FieldViolation(ex.getName(), "has an invalid value '" + ex.getValue() + "'"))));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            violations.add(new FieldViolation(error.getField(), error.getDefaultMessage()));
        }
        return ResponseEntity.badRequest().body(validationProblem(violations));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(validationProblem(List.of(describe(ex.getCause()))));
    }

    /** Names the field a JSON parse or binding error is about. */
    static FieldViolation describe(@Nullable Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new FieldViolation(JsonPaths.of(unknown), "is not a known field");
        }
        if (cause instanceof InvalidFormatException format) {
            String allowed = format.getTargetType() != null && format.getTargetType().isEnum()
                    ? "; allowed: " + List.of(format.getTargetType().getEnumConstants())
                    : "";
            return new FieldViolation(JsonPaths.of(format), "has an invalid value '" + format.getValue() + "'" + allowed);
        }
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            return new FieldViolation(JsonPaths.of(databind), "has an invalid value: " + databind.getOriginalMessage());
        }
        if (cause instanceof JacksonException json) {
            return new FieldViolation("", "the body is not valid JSON: " + json.getOriginalMessage());
        }
        return new FieldViolation("", "the body is missing or not readable");
    }

    public static ProblemDetail validationProblem(List<FieldViolation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                violations.size() == 1 ? describeOne(violations.get(0))
                        : violations.size() + " fields are invalid");
        problem.setType(VALIDATION_TYPE);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", violations.stream()
                .map(v -> Map.of("field", v.field(), "message", v.message())).toList());
        return problem;
    }

    private static String describeOne(FieldViolation violation) {
        return violation.field().isEmpty() ? violation.message() : violation.field() + " " + violation.message();
    }
}
