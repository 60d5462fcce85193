package org.spmonitor.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error answers as RFC 9457 problem details instead of its HTML page: what the container
 * refuses before any application code runs (a query string with {@code [ ]} not percent-encoded, a
 * malformed request line or header) and any error no one else answered. Installed on the host by
 * {@link WebKitAutoConfiguration} in place of Tomcat's {@link ErrorReportValve}.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ProblemReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(known == null ? HttpStatus.BAD_REQUEST : known,
                detail(status, throwable));
        problem.setStatus(status);
        problem.setTitle(known == null ? "Error " + status : known.getReasonPhrase());
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // the client is gone or the response was committed meanwhile: nothing more can be said
        }
    }

    static String detail(int status, Throwable throwable) {
        if (status == HttpStatus.BAD_REQUEST.value()) {
            return "the request could not be read; characters such as [ ] { } | \" < > in the path or query must "
                    + "be percent-encoded (RFC 3986)" + (throwable == null || throwable.getMessage() == null ? ""
                            : ": " + throwable.getMessage());
        }
        return "the server answered " + status + " before the request reached the application";
    }

    /** Whether {@code valve} is an error report valve other than this one, to be replaced by it. */
    static boolean isOtherErrorReport(Valve valve) {
        return valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve);
    }
}
