package org.spmonitor.local;

import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The local issuer's sign-in page: user name and password of a demo user (listed on the page, since
 * their passwords are published), posted to Spring Security's form login. Labelled fields, the page's
 * language, focus on the user name (empty again after a refusal), the error announced to screen readers.
 */
@RestController
class LocalIssuerLoginPage {

    static final String PATH = "/login";

    @GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        boolean refused = request.getParameter("error") != null;
        boolean signedOut = request.getParameter("logout") != null;
        String users = LocalTokenIssuer.USERS.stream().map(user -> "<tr><th scope=\"row\"><code>"
                + HtmlUtils.htmlEscape(user.username()) + "</code></th><td><code>" + HtmlUtils.htmlEscape(user.password())
                + "</code></td><td>" + HtmlUtils.htmlEscape(user.name() + ": " + String.join(", ", user.roles())
                        + (user.countries().isEmpty() ? "" : " for " + String.join(", ", user.countries())))
                + "</td></tr>").collect(Collectors.joining("\n          "));
        String message = refused
                ? "<p id=\"sign-in-error\" class=\"error\" role=\"alert\">The user name or password was not accepted. "
                        + "Check them and try again.</p>"
                : signedOut ? "<p class=\"notice\" role=\"status\">You have signed out.</p>" : "";
        String described = refused ? " aria-describedby=\"sign-in-error\" aria-invalid=\"true\"" : "";
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Sign in · spmonitor</title>
                  <style>
                    body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #1b1f24; }
                    main { max-width: 26rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 8px;
                      box-shadow: 0 1px 4px rgba(0,0,0,.15); }
                    h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
                    label { display: block; font-weight: 600; margin-top: 1rem; }
                    input { width: 100%%; box-sizing: border-box; font: inherit; padding: .5rem; margin-top: .25rem;
                      border: 1px solid #5b6570; border-radius: 4px; }
                    input:focus, button:focus { outline: 3px solid #0b4f8a; outline-offset: 2px; }
                    input[aria-invalid="true"] { border-color: #b91c1c; }
                    button { margin-top: 1.5rem; font: inherit; font-weight: 600; padding: .6rem 1.2rem; border: 0;
                      border-radius: 4px; background: #0b4f8a; color: #fff; cursor: pointer; }
                    .error { color: #b91c1c; font-weight: 600; }
                    .notice { color: #15803d; }
                    .demo { margin-top: 2rem; font-size: .9rem; color: #3d4650; }
                    table { border-collapse: collapse; } th, td { text-align: left; padding: .15rem .6rem .15rem 0; }
                  </style>
                </head>
                <body>
                  <main>
                    <h1>Sign in to spmonitor</h1>
                    <p>Social protection dashboards and submissions.</p>
                    %s
                    <form method="post" action="%s">
                      <label for="username">User name</label>
                      <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none"
                             spellcheck="false" required autofocus%s>
                      <label for="password">Password</label>
                      <input id="password" name="password" type="password" autocomplete="current-password" required%s>
                      <input type="hidden" name="%s" value="%s">
                      <button type="submit">Sign in</button>
                    </form>
                    <section class="demo" aria-labelledby="demo-title">
                      <h2 id="demo-title" style="font-size:1rem">Demo accounts of this local install</h2>
                      <p>Their passwords are public: never expose this issuer.</p>
                      <table>
                        <thead><tr><th scope="col">User name</th><th scope="col">Password</th><th scope="col">Who</th></tr></thead>
                        <tbody>
                          %s
                        </tbody>
                      </table>
                    </section>
                  </main>
                </body>
                </html>
                """.formatted(message, PATH, described, described,
                HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()), users);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.TEXT_HTML).body(html);
    }
}
