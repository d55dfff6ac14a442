package io.hydrogen.ws.jetty.internal.dispatch;

import com.google.gson.JsonElement;
import io.hydrogen.ws.jetty.internal.message.ErrorMessage;
import io.hydrogen.ws.jetty.internal.topics.TopicSubscriber;
import io.hydrogen.ws.spi.ConnectionInfo;

/** What a route may do with the connection a message came from. Thread-safe. */
public interface MessageContext {

    /** Queues a reply; never blocks. */
    void reply(String json);

    /** Queues an error reply in the documented envelope, echoing {@code id} if not {@code null}. */
    void replyError(ErrorMessage error, JsonElement id);

    /** @return the connection, as hosts see it */
    ConnectionInfo connection();

    /** @return the connection, as the topic engine sees it */
    TopicSubscriber subscriber();
}
