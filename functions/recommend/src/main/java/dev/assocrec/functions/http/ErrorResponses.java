package dev.assocrec.functions.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assocrec.functions.BadRequestException;
import dev.assocrec.functions.api.ErrorResponse;
import dev.assocrec.functions.model.ModelUnavailableException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every failure becomes a JSON {@link ErrorResponse}. Client mistakes are 4xx with a message naming
 * what is wrong; only faults of the service itself are 5xx. Funqy answers an unreadable body with a
 * bare 400, so the body is parsed once more here to say where the JSON breaks. Wrong methods and
 * content types never reach Funqy ({@link RouteGuard}).
 */
@ApplicationScoped
public class ErrorResponses {
    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String maxBodySize;

    public ErrorResponses(@ConfigProperty(name = "quarkus.http.limits.max-body-size") String maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    void install(@Observes Router router) {
        router.route().failureHandler(this::handle);
        // Paths no function serves reach no handler at all; answer them here rather than with HTML.
        router.route().order(Integer.MAX_VALUE).handler(ctx -> send(ctx, 404, notFound(ctx)));
    }

    private static String notFound(RoutingContext ctx) {
        return "no function at " + ctx.request().path() + "; the functions are /recommend, /related and /model";
    }

    void handle(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Throwable failure = ctx.failure();
        BadRequestException bad = find(failure, BadRequestException.class);
        ModelUnavailableException unavailable = find(failure, ModelUnavailableException.class);
        if (failure == null && ctx.statusCode() < 500 || bad != null) {
            LOG.debugf("refused %s %s: HTTP %d %s", ctx.request().method(), ctx.request().path(), ctx.statusCode(),
                    bad == null ? "" : bad.getMessage());
        }
        if (bad != null) {
            send(ctx, 400, bad.getMessage());
        } else if (unavailable != null) {
            ctx.response().putHeader("Retry-After", Long.toString(unavailable.retryAfterSeconds()));
            send(ctx, 503, unavailable.getMessage());
        } else if (failure == null && ctx.statusCode() == 400) {
            String body = ctx.body() == null ? null : ctx.body().asString();
            send(ctx, 400, body == null || body.isBlank() ? "request body could not be read"
                    : RequestBinder.describeMalformed(body));
        } else if (failure == null && ctx.statusCode() == 404) {
            send(ctx, 404, notFound(ctx));
        } else if (failure == null && ctx.statusCode() == 413) {
            send(ctx, 413, "request body is larger than the limit of " + maxBodySize + " bytes");
        } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            send(ctx, ctx.statusCode(), "request refused (HTTP " + ctx.statusCode() + ")");
        } else {
            LOG.errorf(failure, "internal error answering %s %s", ctx.request().method(), ctx.request().path());
            send(ctx, 500, "internal error; the request was valid, please retry");
        }
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    static void send(RoutingContext ctx, int status, String message) {
        String body;
        try {
            body = JSON.writeValueAsString(new ErrorResponse(status, message));
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + ",\"error\":\"unprintable error\"}";
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
