package io.hydrogen.ws.jetty.internal.core;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's static files ({@code EndpointConfig.staticResources}): every class path directory of
 * the configured name, combined, served read-only with security headers. Answers only requests for
 * files it has; everything else falls through to the caller's JSON answers.
 */
final class StaticContent extends ResourceHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StaticContent.class);

    /** A host name, IPv4 or bracketed IPv6 literal, with an optional port: safe inside the CSP. */
    private static final Pattern AUTHORITY = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    static final String CSP = "Content-Security-Policy";
    private static final String NOSNIFF = "X-Content-Type-Options";
    private static final String REFERRER_POLICY = "Referrer-Policy";

    private final String directory;
    private volatile boolean empty;

    /** @param directory the class path directory, without leading or trailing {@code /} */
    StaticContent(String directory) {
        this.directory = directory;
        setDirAllowed(false);
        setEtags(true);
        setCacheControl("no-cache"); // revalidate: a new build of the host shows at once
        setWelcomeFiles(List.of("index.html"));
        setWelcomeMode(ResourceService.WelcomeMode.SERVE);
    }

    @Override
    public void doStart() throws Exception {
        List<Resource> found = classPathDirectories();
        empty = found.isEmpty();
        if (empty) {
            LOG.warn("staticResources: no directory '{}' on the class path; serving no files", directory);
        } else {
            setBaseResource(ResourceFactory.combine(found));
        }
        super.doStart();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (empty || !(HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod()))) {
            return false;
        }
        response.getHeaders().put(CSP, policy(request));
        response.getHeaders().put(NOSNIFF, "nosniff");
        response.getHeaders().put(REFERRER_POLICY, "no-referrer");
        if (super.handle(request, response, callback)) {
            return true;
        }
        // No such file: the caller answers, without our headers.
        response.getHeaders().remove(CSP);
        response.getHeaders().remove(NOSNIFF);
        response.getHeaders().remove(REFERRER_POLICY);
        return false;
    }

    /**
     * Same-origin everything; WebSocket connections to the host the page came from are named
     * explicitly, since not every browser counts {@code ws://} as {@code 'self'}.
     */
    static String policy(Request request) {
        String authority = request.getHttpURI().getAuthority();
        if (authority == null || !AUTHORITY.matcher(authority).matches()) {
            return POLICY + "; connect-src 'self'";
        }
        return POLICY + "; connect-src 'self' ws://" + authority + " wss://" + authority;
    }

    private List<Resource> classPathDirectories() throws IOException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = StaticContent.class.getClassLoader();
        }
        ResourceFactory factory = ResourceFactory.of(this);
        List<Resource> found = new ArrayList<>();
        for (URL url : Collections.list(loader.getResources(directory + "/"))) {
            try {
                Resource resource = factory.newResource(url.toURI());
                if (resource != null && resource.isDirectory()) {
                    found.add(resource);
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                LOG.warn("staticResources: cannot serve {}: {}", url, e.getMessage());
            }
        }
        return found;
    }
}
