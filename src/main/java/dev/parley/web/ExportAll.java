package dev.parley.web;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.parley.chat.Export;
import dev.parley.render.Json;
import dev.parley.render.Templates;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * {@code /export/all.json}: every room, its members and messages, for an admin (audited). Built in
 * memory before it is sent, so that a refusal or a database failure is answered as such rather than
 * as a truncated file; fine for a team's chat, not for millions of messages (use a backup).
 */
final class ExportAll extends PageServlet {

    private final Export export;

    ExportAll(Export export, Templates templates, SameOrigin sameOrigin) {
        super(templates, sameOrigin);
        this.export = export;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        long admin = Requests.principal(req).userId();
        var out = new java.io.StringWriter();
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("exportedAt", Instant.now().toString());
            json.writeArrayFieldStart("rooms");
            export.everything(admin, (room, members, messages) -> {
                try {
                    json.writeObject(Map.of("room", room, "members", members, "messages", messages));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            json.writeEndArray();
            json.writeEndObject();
        }
        res.setHeader("Content-Disposition", "attachment; filename=\"parley-export.json\"");
        res.setHeader("Cache-Control", "no-store");
        res.setContentType("application/json;charset=utf-8");
        res.getWriter().write(out.toString());
    }
}
