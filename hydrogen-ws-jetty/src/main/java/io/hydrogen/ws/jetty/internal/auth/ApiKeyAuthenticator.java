package io.hydrogen.ws.jetty.internal.auth;

import io.hydrogen.ws.ApiKeys;
import io.hydrogen.ws.Scope;
import io.hydrogen.ws.spi.AuthDecision;
import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.HandshakeRequest;
import io.hydrogen.ws.spi.Names;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in authenticator: {@code Authorization: Key <key>} (scheme case-insensitive), the
 * in-band {@code auth} message, and optionally {@code ?key=}. Also the server's live
 * {@link ApiKeys}.
 *
 * <p>Keys are kept only as HMAC-SHA256 values under a random per-server secret. A presented key is
 * hashed the same way and compared with every configured key in constant time, so neither its
 * length nor its content leaks through timing. The principal of a key is {@code api-key:} plus the
 * first 8 hex digits of its HMAC: stable while the server runs, useless for guessing the key.
 */
public final class ApiKeyAuthenticator implements Authenticator, ApiKeys {

    /** The authentication scheme of the {@code Authorization} header. */
    public static final String SCHEME = "Key";
    /** The {@code WWW-Authenticate} challenge sent with every 401. */
    public static final String CHALLENGE = SCHEME + " realm=\"hydrogen\"";
    /** Keys shorter than this are accepted, with a warning: they are easy to guess. */
    public static final int WEAK_KEY_LENGTH = 16;

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthenticator.class);
    private static final String WEAK_KEY_WARNING =
            "{} shorter than " + WEAK_KEY_LENGTH + " characters and easy to guess; use long random keys";

    private record Entry(byte[] mac, String principal, Scope scope) {
    }

    private final SecretKeySpec secret;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac); // Mac is not thread-safe
    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();
    private final boolean inBandAllowed;
    private final boolean queryKeyAllowed;
    private volatile Consumer<String> onRevoked = principal -> { };
    private volatile BiConsumer<String, Scope> onRescoped = (principal, scope) -> { };

    /** @param keys the configured keys and their scopes */
    public ApiKeyAuthenticator(Map<String, Scope> keys, boolean inBandAllowed, boolean queryKeyAllowed) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.secret = new SecretKeySpec(random, "HmacSHA256");
        this.inBandAllowed = inBandAllowed;
        this.queryKeyAllowed = queryKeyAllowed;
        keys.forEach(this::store); // the configured keys are checked once, at start: warnIfWeak
    }

    /** Logs one warning if any of the configured keys is weak; the same as {@link #add} logs for one key. */
    public static void warnIfWeak(List<String> keys) {
        long weak = keys.stream().filter(key -> key.length() < WEAK_KEY_LENGTH).count();
        if (weak > 0) {
            LOG.warn(WEAK_KEY_WARNING, weak + " of " + keys.size() + " API keys are");
        }
    }

    /** Sets what to do when a key is revoked: close the connections of that principal. */
    public void onRevoked(Consumer<String> action) {
        this.onRevoked = action;
    }

    /** Sets what to do when a key's scope changes: change the scope of that principal's connections. */
    public void onRescoped(BiConsumer<String, Scope> action) {
        this.onRescoped = action;
    }

    @Override
    public AuthDecision authenticate(HandshakeRequest request) {
        List<String> authorization = request.headers().getOrDefault("authorization", List.of());
        if (!authorization.isEmpty()) {
            return authenticateHeader(authorization);
        }
        if (queryKeyAllowed) {
            List<String> keys = request.queryParameters().getOrDefault("key", List.of());
            if (keys.size() > 1) {
                return AuthDecision.reject("more than one key parameter");
            }
            if (keys.size() == 1) {
                return check(keys.get(0));
            }
        }
        return inBandAllowed ? AuthDecision.deferToInBand() : AuthDecision.reject("missing Authorization header");
    }

    @Override
    public AuthDecision authenticateInBand(String key, HandshakeRequest request) {
        return check(key);
    }

    private AuthDecision authenticateHeader(List<String> authorization) {
        if (authorization.size() > 1) {
            return AuthDecision.reject("more than one Authorization header");
        }
        String value = authorization.get(0).trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("key")) {
            return AuthDecision.reject("Authorization scheme must be 'Key'");
        }
        String key = value.substring(space + 1).trim();
        return key.isEmpty() ? AuthDecision.reject("empty key") : check(key);
    }

    @Override
    public void add(String key, Scope scope) {
        Entry changed = store(key, scope);
        if (changed != null) {
            LOG.info("The scope of API key {} is now {}", changed.principal(), scope.wireName());
            onRescoped.accept(changed.principal(), scope);
        } else if (key.length() < WEAK_KEY_LENGTH) {
            LOG.warn(WEAK_KEY_WARNING, "An API key added at runtime is");
        }
    }

    /** @return the entry whose scope changed, or {@code null} if the key is new or its scope the same */
    private Entry store(String key, Scope scope) {
        Names.requireApiKey(key, "apiKey");
        Objects.requireNonNull(scope, "scope");
        byte[] mac = mac(key);
        synchronized (entries) {
            Entry existing = find(mac);
            if (existing == null) {
                entries.add(new Entry(mac, "api-key:" + HexFormat.of().formatHex(mac, 0, 4), scope));
                return null;
            }
            if (existing.scope() == scope) {
                return null;
            }
            Entry changed = new Entry(mac, existing.principal(), scope);
            entries.set(entries.indexOf(existing), changed);
            return changed;
        }
    }

    @Override
    public boolean revoke(String key) {
        if (key == null) {
            return false;
        }
        Entry removed;
        boolean none;
        synchronized (entries) {
            removed = find(mac(key));
            if (removed != null) {
                entries.remove(removed);
            }
            none = entries.isEmpty();
        }
        if (removed == null) {
            return false;
        }
        if (none) {
            LOG.warn("The last API key was revoked: no client can authenticate with a key until one is added");
        }
        onRevoked.accept(removed.principal());
        return true;
    }

    /** @return whether a key with this principal is still configured (not revoked) */
    public boolean holds(String principal) {
        for (Entry entry : entries) {
            if (entry.principal().equals(principal)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int size() {
        return entries.size();
    }

    private AuthDecision check(String key) {
        byte[] candidate = mac(key);
        Entry match = null;
        for (Entry entry : entries) {
            // No early exit: every key is compared, and MessageDigest.isEqual is constant-time.
            if (MessageDigest.isEqual(entry.mac(), candidate)) {
                match = entry;
            }
        }
        return match != null ? AuthDecision.accept(match.principal(), match.scope())
                : AuthDecision.reject("invalid key");
    }

    private Entry find(byte[] mac) {
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.mac(), mac)) {
                return entry;
            }
        }
        return null;
    }

    private byte[] mac(String key) {
        return macs.get().doFinal(key.getBytes(StandardCharsets.UTF_8)); // doFinal resets it for the next use
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
