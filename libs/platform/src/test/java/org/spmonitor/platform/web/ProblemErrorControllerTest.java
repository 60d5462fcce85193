package org.spmonitor.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

class ProblemErrorControllerTest {

    private final ProblemErrorController controller = new ProblemErrorController();

    private static MockHttpServletRequest forwarded(Integer status, Throwable ex) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        if (status != null) {
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        }
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/financing-reports");
        if (ex != null) {
            request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, ex);
        }
        return request;
    }

    @Test
    void answersTheContainersErrorWithItsStatusAsProblemDetails() {
        ResponseEntity<ProblemDetail> answer = controller.error(forwarded(405, null));

        assertThat(answer.getStatusCode().value()).isEqualTo(405);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().getTitle()).isEqualTo("Method Not Allowed");
        assertThat(answer.getBody().getInstance()).hasToString("/api/v1/financing-reports");
    }

    @Test
    void aFailureNoHandlerAnsweredIsA500ThatDoesNotLeakTheExceptionMessage() {
        ResponseEntity<ProblemDetail> answer = controller.error(forwarded(500, new IllegalStateException("secret")));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getDetail()).doesNotContain("secret");
    }

    @Test
    void withoutAStatusItIsA500() {
        assertThat(controller.error(forwarded(null, null)).getStatusCode().value()).isEqualTo(500);
    }
}
