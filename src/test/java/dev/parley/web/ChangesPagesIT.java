package dev.parley.web;

import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.ApiClient.Session;
import dev.parley.testing.Person;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Edit, delete, react and reply without JavaScript: the message page's forms, and room pages that
 * show every message as it now is. The message page is drawn for one person and offers only what
 * they may do; the room page is the same for everyone.
 */
class ChangesPagesIT {

    private static TestServer server;
    private static ApiClient api;

    private WebClient ann;
    private WebClient bob;
    private Session bobApi;
    private long room;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void twoPeople() {
        Person annPerson = person("ann");
        Person bobPerson = person("bob");
        ann = new WebClient(server).signUp(annPerson);
        bob = new WebClient(server).signUp(bobPerson);
        bobApi = api.login(bobPerson);
        room = ann.createRoom(ApiClient.fresh("pages"), false);
        api.join(bobApi, room);
    }

    @Test
    void theAuthorEditsWithAPlainFormAndTheRoomShowsTheNewTextAsEdited() {
        long id = api.say(bobApi, room, "helo wrold").path("id").asLong();

        Document page = bob.get("/rooms/" + room + "/messages/" + id).html();
        Element form = page.selectFirst("form[action=/rooms/" + room + "/messages/" + id + "/edit]");
        assertThat(form).isNotNull();
        assertThat(form.select("textarea[name=content]").text()).isEqualTo("helo wrold");
        assertThat(page.select("label[for=edit-input]").text()).isEqualTo("Message");

        Reply saved = bob.post("/rooms/" + room + "/messages/" + id + "/edit", Map.of("content", "hello **world**"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).isEqualTo("/rooms/" + room + "?at=1");

        Element shown = ann.get("/rooms/" + room).html().selectFirst("#message-" + id);
        assertThat(shown.select(".body").html()).isEqualTo("hello <strong>world</strong>");
        assertThat(shown.select(".edited").text()).isEqualTo("(edited)");
        assertThat(shown.select(".edited").attr("title")).startsWith("Edited ");
    }

    @Test
    void theMessagePageOffersOnlyWhatThisPersonMayDo() {
        long id = api.say(bobApi, room, "bob's").path("id").asLong();
        Person carolPerson = person("carol");
        WebClient carol = new WebClient(server).signUp(carolPerson);

        Document owner = ann.get("/rooms/" + room + "/messages/" + id).html();
        assertThat(owner.select("form[action$=/edit]")).isEmpty();
        assertThat(owner.select("form[action$=/delete]")).hasSize(1);
        Document reader = carol.get("/rooms/" + room + "/messages/" + id).html();
        assertThat(reader.select("form[action$=/edit], form[action$=/delete], form[action$=/reactions]"))
                .isEmpty();
        // Posting the form anyway is refused, and changes nothing.
        assertThat(carol.post("/rooms/" + room + "/messages/" + id + "/edit", Map.of("content", "mine now"))
                        .status())
                .isEqualTo(403);
        assertThat(ann.post("/rooms/" + room + "/messages/" + id + "/edit", Map.of("content", "owner's"))
                        .status())
                .isEqualTo(403);
        assertThat(ann.get("/rooms/" + room).body()).contains("bob&#39;s").doesNotContain("owner's");
    }

    @Test
    void reactionFormsToggleAndTheRoomShowsCountsAndWho() {
        long id = api.say(bobApi, room, "lunch?").path("id").asLong();
        String react = "/rooms/" + room + "/messages/" + id + "/reactions";

        assertThat(ann.post(react, Map.of("emoji", "🍕")).status()).isEqualTo(302);
        assertThat(bob.post(react, Map.of("emoji", "🍕")).status()).isEqualTo(302);
        assertThat(bob.post(react, Map.of("emoji", "🎉")).status()).isEqualTo(302);
        assertThat(bob.post(react, Map.of("emoji", "🎉")).status()).isEqualTo(302);

        Element message = bob.get("/rooms/" + room).html().selectFirst("#message-" + id);
        assertThat(message.select(".reaction")).hasSize(1);
        Element pizza = message.selectFirst(".reaction");
        assertThat(pizza.select("input[name=emoji]").val()).isEqualTo("🍕");
        assertThat(pizza.select(".count").text()).isEqualTo("2");
        assertThat(pizza.select("button").attr("title")).isEqualTo(annName() + ", " + bobApi.username());
        assertThat(pizza.attr("data-users")).contains(" " + bobApi.userId() + " ");
        assertThat(bob.post(react, Map.of("emoji", "not an emoji")).status()).isEqualTo(400);
    }

    @Test
    void aDeletedMessageLeavesAPlaceholderAndItsRepliesSaySo() {
        long id = api.say(bobApi, room, "regrettable").path("id").asLong();
        Reply replied =
                ann.post("/rooms/" + room + "/messages", Map.of("content", "what?", "replyTo", String.valueOf(id)));
        assertThat(replied.status()).isEqualTo(302);
        Element reply = ann.get("/rooms/" + room).html().select(".message").last();
        assertThat(reply.select(".reply-to .excerpt-of-" + id).text()).isEqualTo("regrettable");
        assertThat(reply.select(".reply-to").attr("href")).isEqualTo("/rooms/" + room + "?at=1#message-" + id);

        assertThat(bob.post("/rooms/" + room + "/messages/" + id + "/delete", Map.of())
                        .status())
                .isEqualTo(302);

        Document after = ann.get("/rooms/" + room).html();
        assertThat(after.select("#message-" + id + ".deleted .body").text()).isEqualTo("message deleted");
        assertThat(after.select("#message-" + id + " .more")).isEmpty();
        assertThat(after.select(".excerpt-of-" + id).text()).isEqualTo("message deleted");
        assertThat(after.body().html()).doesNotContain("regrettable");
        assertThat(bob.get("/rooms/" + room + "/messages/" + id).html().select("form[action$=/edit]"))
                .isEmpty();
    }

    private String annName() {
        return ann.get("/account").html().selectFirst("body").attr("data-username");
    }
}
