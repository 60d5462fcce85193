package org.spmonitor.programme.countryprogramme.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.spmonitor.platform.validation.InvalidInputException;
import org.spmonitor.platform.write.WriteOutcome;
import org.spmonitor.programme.countryprogramme.domain.Change;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** A programme's version as its ETag (and the version an If-Match names), and what a write did as a header. */
final class VersionHeaders {

    /** {@code CREATED}, {@code UPDATED} or {@code UNCHANGED}: what a write did. */
    static final String OUTCOME = "Spmonitor-Outcome";

    private static final Pattern ENTITY_TAG = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    /** The programme version an {@code If-Match} header names, or null for none or {@code *}. */
    static Long ifMatchVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher matcher = ENTITY_TAG.matcher(ifMatch.strip());
        if (!matcher.matches()) {
            throw new InvalidInputException(HttpHeaders.IF_MATCH, "must name one programme version as its ETag, "
                    + "e.g. \"3\", was '" + ifMatch + "'");
        }
        return Long.parseLong(matcher.group(1));
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Status 200 or 201 by outcome, with the outcome header and the programme's version as ETag. */
    static ResponseEntity.BodyBuilder written(Change change) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(change.outcome() == WriteOutcome.CREATED ? 201 : 200);
        return builder.header(OUTCOME, change.outcome().name()).eTag(etag(change.programme().version()));
    }

    private VersionHeaders() {
    }
}
