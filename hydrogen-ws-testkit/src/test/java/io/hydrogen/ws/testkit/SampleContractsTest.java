package io.hydrogen.ws.testkit;

import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.HandshakeRequest;
import io.hydrogen.ws.spi.HydrogenEventListener;
import io.hydrogen.ws.spi.MessageHandler;
import io.hydrogen.ws.spi.MessageRequest;
import io.hydrogen.ws.spi.StatusProvider;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The kits, run by JUnit as users run them, against correct implementations: every check passes. */
class SampleContractsTest {

    @Nested
    class StatusProviderKit extends StatusProviderContract {
        @Override
        protected StatusProvider provider() {
            return new SampleImplementations.PrinterStatus();
        }
    }

    @Nested
    class AuthenticatorKit extends AuthenticatorContract {
        @Override
        protected Authenticator authenticator() {
            return new SampleImplementations.BearerAuthenticator();
        }

        @Override
        protected HandshakeRequest acceptedRequest() {
            return TestHandshakeRequest.builder().header("Authorization", "Bearer " + SampleImplementations.TOKEN)
                    .subProtocol("hydrogen-protocol").build();
        }

        @Override
        protected HandshakeRequest rejectedRequest() {
            return TestHandshakeRequest.builder().header("Authorization", "Bearer wrong-token-000").build();
        }
    }

    @Nested
    class AbstainingAuthenticatorKit extends AuthenticatorKit {
        @Override
        protected HandshakeRequest rejectedRequest() {
            return TestHandshakeRequest.builder().header("Authorization", "Key some-other-scheme").build();
        }
    }

    @Nested
    class EventListenerKit extends EventListenerContract {
        @Override
        protected HydrogenEventListener listener() {
            return new SampleImplementations.CountingListener();
        }
    }

    @Nested
    class DefaultEventListenerKit extends EventListenerContract {
        @Override
        protected HydrogenEventListener listener() {
            return new HydrogenEventListener() { };
        }
    }

    @Nested
    class SyncMessageHandlerKit extends MessageHandlerContract {
        @Override
        protected MessageHandler handler() {
            return new SampleImplementations.EchoHandler();
        }

        @Override
        protected MessageRequest sampleRequest() {
            return TestMessageRequest.of("echo", Map.of("id", 1L, "text", "hi"));
        }
    }

    @Nested
    class AsyncMessageHandlerKit extends SyncMessageHandlerKit {
        @Override
        protected MessageRequest sampleRequest() {
            return TestMessageRequest.of("echo", Map.of("mode", "later"));
        }
    }

    @Nested
    class ErrorMessageHandlerKit extends SyncMessageHandlerKit {
        @Override
        protected MessageRequest sampleRequest() {
            return TestMessageRequest.of("echo", Map.of("mode", "busy"));
        }
    }

    @Nested
    class AsyncErrorMessageHandlerKit extends SyncMessageHandlerKit {
        @Override
        protected MessageRequest sampleRequest() {
            return TestMessageRequest.of("echo", Map.of("mode", "later_busy"));
        }
    }
}
