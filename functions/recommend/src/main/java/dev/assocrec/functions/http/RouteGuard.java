package dev.assocrec.functions.http;

import dev.assocrec.functions.BadRequestException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks method and content type before Funqy sees a request, which would read a GET's query string as
 * the input and a POST body on {@code /model} as JSON to bind. Wrong methods get 405 with {@code Allow},
 * bodies that are not JSON 415; {@code POST /model} is served as {@code GET /model}, whatever its body.
 * A request without a Content-Type is read as JSON.
 */
@ApplicationScoped
public class RouteGuard {
    static final String JSON = "application/json";
    private static final Map<String, Set<HttpMethod>> ALLOWED = Map.of(
            "/recommend", Set.of(HttpMethod.POST),
            "/related", Set.of(HttpMethod.POST),
            "/model", Set.of(HttpMethod.GET, HttpMethod.POST));

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::check);
    }

    void check(RoutingContext ctx) {
        String path = ctx.request().path();
        Set<HttpMethod> allowed = ALLOWED.get(path);
        HttpMethod method = ctx.request().method();
        if (allowed == null) {
            ctx.next(); // no such function: ErrorResponses answers 404
        } else if (!allowed.contains(method)) {
            String allow = allowed.contains(HttpMethod.GET) ? "GET, POST" : "POST";
            ctx.response().putHeader(HttpHeaders.ALLOW, allow);
            ErrorResponses.send(ctx, 405, "method " + method + " is not allowed on " + path + "; use " + allow);
        } else if (path.equals("/model") && method == HttpMethod.POST) {
            ctx.reroute(HttpMethod.GET, "/model");
        } else if (method == HttpMethod.POST && !isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            String given = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
            ErrorResponses.send(ctx, 415, "Content-Type " + BadRequestException.echo(given)
                    + " is not accepted on " + path + "; send the body as " + JSON);
        } else {
            ctx.next();
        }
    }

    /** application/json with any parameters (charset); a missing header counts as JSON. */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.toLowerCase(Locale.ROOT).equals(JSON);
    }
}
