package io.hydrogen.ws.testkit;

import io.hydrogen.ws.spi.MessageException;
import io.hydrogen.ws.spi.MessageHandler;
import io.hydrogen.ws.spi.MessageRequest;
import io.hydrogen.ws.spi.Names;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit for a {@link MessageHandler}: extend it in your tests and return the
 * handler under test and a typical request for it (build one with {@link TestMessageRequest}).
 *
 * <pre>{@code
 * class TemperatureHandlerContractTest extends MessageHandlerContract {
 *     @Override
 *     protected MessageHandler handler() {
 *         return new TemperatureHandler(new FakePrinter());
 *     }
 *
 *     @Override
 *     protected MessageRequest sampleRequest() {
 *         return TestMessageRequest.of("set_temperature", Map.of("id", 1L, "celsius", 210L));
 *     }
 * }
 * }</pre>
 *
 * <p>It checks that the sample request yields one of what the server can answer: a
 * {@link PlainJava plain Java} result, a {@link CompletionStage} that completes (within
 * {@link #completionTimeout()}) with one or with a {@link MessageException}, or a thrown
 * {@code MessageException} whose code passes {@link Names#requireErrorCode(String)} and whose
 * details are plain Java. Any other exception fails the check: the client would only get
 * {@code server_error}. It also checks the same of many calls from several threads at once.
 *
 * <p>The factory methods are called once per check. To leave a check out, override its method
 * without {@code @Test} and say why in a comment.
 */
public abstract class MessageHandlerContract {

    /** @return the handler under test */
    protected abstract MessageHandler handler();

    /** @return a typical request for the handler */
    protected abstract MessageRequest sampleRequest();

    /** @return how long a returned {@code CompletionStage} may take to complete; default 10 s */
    protected Duration completionTimeout() {
        return Duration.ofSeconds(10);
    }

    /** @return how many threads call the handler at once; default 4 */
    protected int threads() {
        return 4;
    }

    /** @return how many times each thread calls it; default 25 */
    protected int callsPerThread() {
        return 25;
    }

    /** The sample request yields a plain result, a stage of one, or a valid MessageException. */
    @Test
    public void sampleRequestYieldsAnAnswerTheServerCanSend() {
        verifyOutcome(handler(), sampleRequest(), completionTimeout());
    }

    /** Concurrent calls each yield such an answer. */
    @Test
    public void concurrentCallsAreSafe() {
        MessageHandler handler = handler();
        MessageRequest request = sampleRequest();
        Duration timeout = completionTimeout();
        Concurrently.run("handle() called concurrently", threads(), callsPerThread(),
                timeout.multipliedBy(callsPerThread()).plusSeconds(10),
                (thread, call) -> verifyOutcome(handler, request, timeout));
    }

    /**
     * Calls {@code handler} with {@code request} and fails unless the outcome is one the server can
     * answer with; for tests of your own that use other requests.
     *
     * @param handler the handler
     * @param request the request
     * @param timeout how long a returned {@code CompletionStage} may take
     * @throws AssertionError saying what is wrong
     */
    public static void verifyOutcome(MessageHandler handler, MessageRequest request, Duration timeout) {
        Object result;
        try {
            result = handler.handle(request);
        } catch (MessageException e) {
            verifyError(e, "handle()");
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("handle() threw " + e + ": the client gets only server_error; "
                    + "throw a MessageException to send an error of your own", e);
        }
        if (!(result instanceof CompletionStage<?> stage)) {
            PlainJava.assertPlainJava("the result of handle()", result);
            return;
        }
        CompletableFuture<Object> completed = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                completed.completeExceptionally(failure);
            } else {
                completed.complete(value);
            }
        });
        Object value;
        try {
            value = completed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the CompletionStage returned by handle() did not complete within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the CompletionStage of handle()", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof MessageException error) {
                verifyError(error, "the CompletionStage of handle()");
                return;
            }
            throw new AssertionError("the CompletionStage returned by handle() failed with " + cause
                    + ": the client gets only server_error; complete it with a MessageException", cause);
        }
        PlainJava.assertPlainJava("the value of the CompletionStage returned by handle()", value);
    }

    private static void verifyError(MessageException error, String source) {
        try {
            Names.requireErrorCode(error.code());
        } catch (IllegalArgumentException e) {
            throw new AssertionError(source + " failed with a MessageException whose code is invalid: "
                    + e.getMessage(), error);
        }
        PlainJava.assertPlainJava("the details of the MessageException from " + source, error.details());
    }
}
