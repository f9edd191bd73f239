package dev.parley.web;

import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.Person;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bots and people who left the team are marked, beside their messages and in member lists, the
 * same for every viewer.
 */
class PeopleMarksIT {

    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void botsAndDeactivatedPeopleAreMarkedInMessagesAndMemberListsForEveryViewer() {
        var admin = api.register(person("boss"));
        server.parley.accounts.makeAdmin(admin.username());
        Person annPerson = person("ann");
        var ann = api.register(annPerson);
        var leaver = api.register(person("leaver"));
        Person carolPerson = person("carol");
        var carol = api.register(carolPerson);
        long room = api.createRoom(ann, ApiClient.fresh("marks"), false);
        api.join(leaver, room);
        api.join(carol, room);
        String botName = "markbot" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(api.post("/api/admin/bots", admin.accessToken(), Map.of("username", botName))
                        .status())
                .isEqualTo(201);
        String botToken = api.post("/api/admin/bots/" + botName + "/tokens", admin.accessToken(), Map.of())
                .json()
                .path("token")
                .asText();
        assertThat(api.post("/api/rooms/" + room + "/join", botToken, Map.of()).status())
                .isEqualTo(200);
        Reply botSaid = api.post(
                "/api/rooms/" + room + "/messages", botToken, Map.of("content", "build passed", "clientId", "b-1"));
        assertThat(botSaid.status()).as("%s", botSaid).isEqualTo(201);
        api.say(leaver, room, "goodbye");
        api.say(ann, room, "a person");
        Reply off = api.post("/api/admin/users/" + leaver.username() + "/deactivate", admin.accessToken(), Map.of());
        assertThat(off.status()).as("%s", off).isLessThan(300);

        Document asAnn = new dev.parley.testing.WebClient(server)
                .logIn(annPerson)
                .get("/rooms/" + room)
                .html();
        Document asCarol = new dev.parley.testing.WebClient(server)
                .logIn(carolPerson)
                .get("/rooms/" + room)
                .html();

        for (Document page : java.util.List.of(asAnn, asCarol)) {
            Element botMessage = message(page, "build passed");
            Element leaverMessage = message(page, "goodbye");
            Element annMessage = message(page, "a person");
            assertThat(botMessage.select(".bot-mark").text()).isEqualTo("bot");
            assertThat(botMessage.select(".deactivated-mark")).isEmpty();
            assertThat(leaverMessage.select(".deactivated-mark").text()).isEqualTo("(deactivated)");
            assertThat(leaverMessage.select(".bot-mark")).isEmpty();
            assertThat(annMessage.select(".bot-mark, .deactivated-mark")).isEmpty();

            Element botMember = member(page, room, botName);
            Element leaverMember = member(page, room, leaver.username());
            assertThat(botMember.select(".bot-mark").text()).isEqualTo("bot");
            assertThat(leaverMember.select(".deactivated-mark").text()).isEqualTo("(deactivated)");
            assertThat(member(page, room, carol.username()).select(".bot-mark, .deactivated-mark"))
                    .isEmpty();
        }
        assertThat(member(asAnn, room, botName).outerHtml())
                .isEqualTo(member(asCarol, room, botName).outerHtml());
    }

    private static Element message(Document page, String text) {
        return page.select("li.message").stream()
                .filter(li -> li.select(".body").text().equals(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no message " + text));
    }

    private static Element member(Document page, long room, String username) {
        return page.select("#room-" + room + "-members li.member").stream()
                .filter(li -> li.select("input[name=username]").val().equals(username))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no member " + username));
    }
}
