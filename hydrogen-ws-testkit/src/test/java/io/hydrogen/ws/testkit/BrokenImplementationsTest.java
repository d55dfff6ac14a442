package io.hydrogen.ws.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hydrogen.ws.spi.AuthDecision;
import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.ConnectionInfo;
import io.hydrogen.ws.spi.HandshakeRequest;
import io.hydrogen.ws.spi.HydrogenEventListener;
import io.hydrogen.ws.spi.MessageException;
import io.hydrogen.ws.spi.MessageHandler;
import io.hydrogen.ws.spi.MessageRequest;
import io.hydrogen.ws.spi.StatusProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Each kit fails a broken implementation, saying why. The kits' checks are called directly here. */
class BrokenImplementationsTest {

    private static final String KEY = "broken-test-key-0123456789";

    // --- StatusProvider ---

    private static final class StatusKit extends StatusProviderContract {
        private final StatusProvider provider;

        StatusKit(String section, Object status) {
            this(new StatusProvider() {
                @Override
                public String section() {
                    return section;
                }

                @Override
                public Object status() {
                    return status;
                }
            });
        }

        StatusKit(StatusProvider provider) {
            this.provider = provider;
        }

        @Override
        protected StatusProvider provider() {
            return provider;
        }
    }

    @Test
    void statusKitRejectsBadSectionsAndValues() {
        fails(() -> new StatusKit("Printer", 1).sectionIsAValidSectionName(), "[a-z][a-z0-9_]");
        fails(() -> new StatusKit("seq", 1).sectionIsAValidSectionName(), "documented field");
        fails(() -> new StatusKit("printer", Map.of("worker", Thread.currentThread())).statusIsPlainJava(),
                "status().worker is a java.lang.Thread");
        fails(() -> new StatusKit("printer", new Object()).statusIsPlainJava(), "java.lang.Object");
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("me", cyclic);
        fails(() -> new StatusKit("printer", cyclic).statusIsPlainJava(), "cycle");
    }

    @Test
    void statusKitRejectsUnstableSectionsAndThreadUnsafeProviders() {
        AtomicInteger calls = new AtomicInteger();
        StatusProvider unstable = new StatusProvider() {
            @Override
            public String section() {
                return "s" + calls.incrementAndGet();
            }

            @Override
            public Object status() {
                return null;
            }
        };
        fails(() -> new StatusKit(unstable).sectionIsStable(), "section() called again");

        StatusProvider unsafe = new StatusProvider() {
            private final Map<String, Object> shared = new HashMap<>();
            private final AtomicInteger inside = new AtomicInteger();

            @Override
            public String section() {
                return "unsafe";
            }

            @Override
            public Object status() throws InterruptedException {
                if (inside.incrementAndGet() > 1) {
                    inside.decrementAndGet();
                    throw new IllegalStateException("called concurrently");
                }
                Thread.sleep(1);
                shared.put("x", 1);
                inside.decrementAndGet();
                return Map.copyOf(shared);
            }
        };
        fails(() -> new StatusKit(unsafe).statusMayBeCalledConcurrently(), "called concurrently");
    }

    // --- Authenticator ---

    private static final class AuthKit extends AuthenticatorContract {
        private final Authenticator authenticator;

        AuthKit(Authenticator authenticator) {
            this.authenticator = authenticator;
        }

        @Override
        protected Authenticator authenticator() {
            return authenticator;
        }

        @Override
        protected HandshakeRequest acceptedRequest() {
            return TestHandshakeRequest.builder().header("Authorization", "Key " + KEY).build();
        }

        @Override
        protected HandshakeRequest rejectedRequest() {
            return TestHandshakeRequest.builder().header("Authorization", "Key wrong-key-000000").build();
        }
    }

    /** Accepts the right key; what it says otherwise is up to {@code otherwise}. */
    private interface KeyCheck extends Authenticator {
        AuthDecision otherwise(String presented);

        @Override
        default AuthDecision authenticate(HandshakeRequest request) {
            String presented = request.header("Authorization").orElse("").replaceFirst("^Key ", "");
            return presented.equals(KEY) ? AuthDecision.accept("client") : otherwise(presented);
        }
    }

    @Test
    void authKitRejectsNullsAndThrows() {
        fails(() -> new AuthKit((KeyCheck) presented -> null).neverReturnsNull(), "returned null");
        fails(() -> new AuthKit((KeyCheck) presented -> {
            throw new IllegalStateException("boom");
        }).neverReturnsNull(), "threw java.lang.IllegalStateException");
        fails(() -> new AuthKit(new KeyCheck() {
            @Override
            public AuthDecision otherwise(String presented) {
                return AuthDecision.reject("no");
            }

            @Override
            public AuthDecision authenticateInBand(String key, HandshakeRequest request) {
                return null;
            }
        }).authenticateInBandNeverReturnsNull(), "authenticateInBand");
    }

    @Test
    void authKitRejectsWrongOutcomes() {
        fails(() -> new AuthKit(request -> AuthDecision.deferToInBand()).acceptedRequestIsAcceptedWithAPrincipal(),
                "acceptedRequest()");
        fails(() -> new AuthKit((KeyCheck) presented -> AuthDecision.accept("anyone"))
                .rejectedRequestIsRejectedWithAReasonOrAbstainedOn(), "rejectedRequest()");
        fails(() -> new AuthKit((KeyCheck) presented -> AuthDecision.reject(" "))
                .rejectedRequestIsRejectedWithAReasonOrAbstainedOn(), "reason for rejectedRequest()");
    }

    @Test
    void authKitRejectsLeakedSecretsWithoutRepeatingThem() {
        fails(() -> new AuthKit((KeyCheck) presented -> AuthDecision.reject("invalid key " + presented))
                .decisionsDoNotLeakSecrets(), "the reason for rejectedRequest() contains a value of the request");
        fails(() -> new AuthKit(request -> AuthDecision.accept("client " + request.header("Authorization").orElse("-")))
                .decisionsDoNotLeakSecrets(), "the principal for acceptedRequest()");
        assertThatThrownBy(() -> new AuthKit((KeyCheck) presented -> AuthDecision.reject("bad " + presented))
                .decisionsDoNotLeakSecrets()).message().doesNotContain("wrong-key-000000");
    }

    @Test
    void authKitRejectsInconsistentDecisions() {
        AtomicInteger calls = new AtomicInteger();
        fails(() -> new AuthKit((KeyCheck) presented -> calls.incrementAndGet() % 7 == 0
                ? AuthDecision.abstain() : AuthDecision.reject("invalid key"))
                .decisionsAreConsistentUnderConcurrentCalls(), "under concurrent calls");
    }

    // --- HydrogenEventListener ---

    private static final class ListenerKit extends EventListenerContract {
        private final HydrogenEventListener listener;

        ListenerKit(HydrogenEventListener listener) {
            this.listener = listener;
        }

        @Override
        protected HydrogenEventListener listener() {
            return listener;
        }
    }

    @Test
    void listenerKitRejectsListenersThatThrowOnEdgeArguments() {
        HydrogenEventListener nullType = new HydrogenEventListener() {
            @Override
            public void messageReceived(ConnectionInfo connection, String type, long bytes) {
                type.length();
            }
        };
        fails(() -> new ListenerKit(nullType).edgeArguments(), NullPointerException.class);
        HydrogenEventListener nullPrincipal = new HydrogenEventListener() {
            @Override
            public void connectionOpened(ConnectionInfo connection) {
                connection.principal().length();
            }
        };
        fails(() -> new ListenerKit(nullPrincipal).typicalLifeOfAConnection(), NullPointerException.class);
        HydrogenEventListener unsafe = new HydrogenEventListener() {
            private final AtomicInteger inside = new AtomicInteger();

            @Override
            public void connectionOpened(ConnectionInfo connection) {
                if (inside.incrementAndGet() > 1) {
                    inside.decrementAndGet();
                    throw new IllegalStateException("not thread-safe");
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inside.decrementAndGet();
            }
        };
        fails(() -> new ListenerKit(unsafe).concurrentCallsDoNotThrow(), "threads failed");
    }

    // --- MessageHandler ---

    private static final class HandlerKit extends MessageHandlerContract {
        private final MessageHandler handler;

        HandlerKit(MessageHandler handler) {
            this.handler = handler;
        }

        @Override
        protected MessageHandler handler() {
            return handler;
        }

        @Override
        protected MessageRequest sampleRequest() {
            return TestMessageRequest.of("job", Map.of("id", 1L));
        }

        @Override
        protected java.time.Duration completionTimeout() {
            return java.time.Duration.ofMillis(200);
        }
    }

    @Test
    void handlerKitRejectsWhatTheServerCannotAnswer() {
        fails(() -> new HandlerKit(request -> Optional.of(new StringBuilder())).sampleRequestYieldsAnAnswerTheServerCanSend(),
                "the result of handle() is a java.lang.StringBuilder");
        fails(() -> new HandlerKit(request -> CompletableFuture.completedFuture(Thread.currentThread()))
                .sampleRequestYieldsAnAnswerTheServerCanSend(), "CompletionStage returned by handle() is a java.lang.Thread");
        fails(() -> new HandlerKit(request -> new CompletableFuture<>()).sampleRequestYieldsAnAnswerTheServerCanSend(),
                "did not complete within");
        fails(() -> new HandlerKit(request -> {
            throw new IllegalStateException("oops");
        }).sampleRequestYieldsAnAnswerTheServerCanSend(), "server_error");
        fails(() -> new HandlerKit(request -> CompletableFuture.failedFuture(new IllegalStateException("later")))
                .sampleRequestYieldsAnAnswerTheServerCanSend(), "complete it with a MessageException");
        fails(() -> new HandlerKit(request -> {
            throw new MessageException("busy", "busy", Map.of("since", java.time.Clock.systemUTC()));
        }).sampleRequestYieldsAnAnswerTheServerCanSend(), "details of the MessageException");
        fails(() -> new HandlerKit(request -> {
            throw new MessageException("busy", "busy") {
                @Override
                public String code() {
                    return "Busy!";
                }
            };
        }).sampleRequestYieldsAnAnswerTheServerCanSend(), "code is invalid");
    }

    @Test
    void handlerKitRejectsThreadUnsafeHandlers() {
        Map<Long, Long> shared = new HashMap<>();
        AtomicInteger inside = new AtomicInteger();
        MessageHandler unsafe = request -> {
            if (inside.incrementAndGet() > 1) {
                inside.decrementAndGet();
                throw new IllegalStateException("not thread-safe");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            shared.merge(1L, 1L, Long::sum);
            inside.decrementAndGet();
            return Map.copyOf(shared);
        };
        fails(() -> new HandlerKit(unsafe).concurrentCallsAreSafe(), "not thread-safe");
    }

    private static void fails(ThrowingCallable check, String expectedMessage) {
        assertThatThrownBy(check).isInstanceOf(AssertionError.class).hasStackTraceContaining(expectedMessage);
    }

    private static void fails(ThrowingCallable check, Class<? extends Throwable> expected) {
        assertThatThrownBy(check).isInstanceOf(expected);
    }
}
