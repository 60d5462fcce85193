package org.spmonitor.programme.countryprogramme.web;

import java.security.Principal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.spmonitor.platform.security.Caller;
import org.spmonitor.platform.validation.InvalidInputException;
import org.spmonitor.programme.countryprogramme.domain.Change;
import org.spmonitor.programme.countryprogramme.domain.Outcome;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeService;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** What the controllers share: the caller, versions as ETags, the outcome header. */
final class Http {

    /** {@code CREATED}, {@code UPDATED} or {@code UNCHANGED}: what a write did. */
    static final String OUTCOME = "Spmonitor-Outcome";

    private static final Pattern ENTITY_TAG = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    /** Who makes a change, for the version history: the token's subject (a client id). */
    static String caller(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }

    /**
     * Writes need the reporter role for the programme's country (or admin): 403 otherwise, 404 when
     * there is no such programme.
     */
    static void requireWriteFor(ProgrammeService programmes, String id) {
        Caller.current().requireWriteFor(programmes.get(id).details().country());
    }

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
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(change.outcome() == Outcome.CREATED ? 201 : 200);
        return builder.header(OUTCOME, change.outcome().name()).eTag(etag(change.programme().version()));
    }

    /** What an Idempotency-Key is checked against: the same key must come with the same request. */
    record IdempotentRequest(String method, String path, Object body) {
    }

    private Http() {
    }
}
