package dev.parley.web;

import dev.parley.auth.Principal;
import dev.parley.chat.ChatException;
import dev.parley.chat.FileStore;
import dev.parley.chat.Uploads;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * {@code POST /api/files?name=report.pdf&clientId=u-1}: the request body is the file (any
 * Content-Type; the type is sniffed from the bytes). {@code GET /api/files/{id}}: what it is.
 * A message then attaches it: {@code "files":[id]} with {@code send-message} or
 * {@code POST /api/rooms/{id}/messages}.
 */
final class FilesApi extends ApiServlet {

    private final Uploads uploads;

    FilesApi(Uploads uploads, SameOrigin sameOrigin) {
        super(sameOrigin);
        this.uploads = uploads;
    }

    /** Uploads are bounded by the upload limit, refused from their declared length before any byte is read. */
    @Override
    void checkDeclaredSize(HttpServletRequest req) {
        if (req.getMethod().equals("POST")) {
            uploads.checkDeclaredSize(query(req, "name"), req.getContentLengthLong());
        } else {
            super.checkDeclaredSize(req);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        if (!Requests.segments(req).isEmpty()) throw noRoute();
        String name = query(req, "name");
        if (name == null) throw ChatException.invalid("name", "Say the file's name: POST /api/files?name=….");
        FileStore.Put put;
        try (InputStream body = req.getInputStream()) {
            put = uploads.upload(me, name, body, query(req, "clientId"));
        }
        json(res, put.created() ? 201 : 200, put.file().attachment());
    }

    /** A parameter of the query string alone: the body is the file, never a form to parse. */
    static String query(HttpServletRequest req, String name) {
        String q = req.getQueryString();
        if (q == null) return null;
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(
                    eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
            if (key.equals(name))
                return eq < 0
                        ? ""
                        : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
        }
        return null;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        List<String> path = Requests.segments(req);
        if (path.size() != 1) throw noRoute();
        json(res, 200, uploads.readable(me, path.get(0)).attachment());
    }
}
