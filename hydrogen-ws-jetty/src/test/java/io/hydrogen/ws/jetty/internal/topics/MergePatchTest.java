package io.hydrogen.ws.jetty.internal.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hydrogen.ws.jetty.RandomJson;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Merge patches: diff and apply agree (a property over random documents), and the RFC's examples hold. */
class MergePatchTest {

    @Test
    void theRfcExamplesApply() {
        assertThat(MergePatch.apply(json("{\"a\":\"b\"}"), json("{\"a\":\"c\"}"))).isEqualTo(json("{\"a\":\"c\"}"));
        assertThat(MergePatch.apply(json("{\"a\":\"b\"}"), json("{\"a\":null}"))).isEqualTo(json("{}"));
        assertThat(MergePatch.apply(json("{\"a\":{\"b\":\"c\"}}"), json("{\"a\":{\"b\":\"d\",\"c\":null}}")))
                .isEqualTo(json("{\"a\":{\"b\":\"d\"}}"));
        assertThat(MergePatch.apply(json("{\"a\":[1]}"), json("{\"a\":[2,3]}"))).isEqualTo(json("{\"a\":[2,3]}"));
        assertThat(MergePatch.apply(json("{\"e\":null}"), json("{\"a\":1}"))).isEqualTo(json("{\"e\":null,\"a\":1}"));
    }

    @Test
    void inputsAreNeverModified() {
        JsonObject base = json("{\"a\":{\"b\":1},\"c\":2}").getAsJsonObject();
        JsonObject target = json("{\"a\":{\"b\":2},\"d\":{\"x\":null}}").getAsJsonObject();
        String before = base.toString() + target;
        JsonObject patch = MergePatch.diff(base, target);
        MergePatch.apply(base, patch);
        MergePatch.deadband(base, target, 5);
        assertThat(base.toString() + target).isEqualTo(before);
        assertThat(patch).isEqualTo(json("{\"a\":{\"b\":2},\"c\":null,\"d\":{}}"));
    }

    @Test
    void fieldsKeepOnlyTheListedMembers() {
        JsonObject value = json("{\"a\":1,\"b\":{\"c\":2},\"d\":3}").getAsJsonObject();
        assertThat(MergePatch.fields(value, List.of("b", "zz"))).isEqualTo(json("{\"b\":{\"c\":2}}"));
        assertThat(MergePatch.fields(value, null)).isSameAs(value);
    }

    @Test
    void aDeadbandKeepsSmallNumericMovesAtAnyDepth() {
        JsonObject base = json("{\"h\":{\"t\":200.0,\"mode\":\"a\"},\"n\":1}").getAsJsonObject();
        JsonObject target = json("{\"h\":{\"t\":200.4,\"mode\":\"b\"},\"n\":3}").getAsJsonObject();
        assertThat(MergePatch.diff(base, MergePatch.deadband(base, target, 0.5)))
                .isEqualTo(json("{\"h\":{\"mode\":\"b\"},\"n\":3}"));
    }

    /** Applying the diff from any document to any other gives the other (nulls and absences being the same). */
    @Property(tries = 2000)
    void applyingTheDiffGivesTheTarget(@ForAll long seed) {
        Random random = new Random(seed);
        JsonObject base = RandomJson.object(random, 3);
        JsonObject target = RandomJson.object(random, 3);
        JsonElement result = MergePatch.apply(RandomJson.withoutNulls(base), MergePatch.diff(base, target));
        assertThat(result).isEqualTo(RandomJson.withoutNulls(target));
    }

    /** A chain of publications: a client applying every patch in turn holds the last value. */
    @Property(tries = 200)
    void aChainOfPatchesReproducesTheLastValue(@ForAll long seed) {
        Random random = new Random(seed);
        JsonObject server = RandomJson.object(random, 3);
        JsonElement client = RandomJson.withoutNulls(server);
        for (int i = 0; i < 30; i++) {
            JsonObject next = random.nextBoolean() ? RandomJson.object(random, 3)
                    : MergePatch.apply(server, RandomJson.object(random, 2)).getAsJsonObject();
            client = MergePatch.apply(client, MergePatch.diff(server, next));
            server = next;
        }
        assertThat(client).isEqualTo(RandomJson.withoutNulls(server));
    }

    private static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }
}
