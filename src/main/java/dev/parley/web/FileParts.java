package dev.parley.web;

import dev.parley.auth.Principal;
import dev.parley.chat.ChatException;
import dev.parley.chat.ErrorCode;
import dev.parley.chat.Messages;
import dev.parley.chat.Uploads;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Files sent inside a form ({@code multipart/form-data}): the composer's paperclip without JavaScript. */
final class FileParts {

    /** The form field of the paperclip input. */
    static final String FIELD = "upload";

    private FileParts() {}

    static MultipartConfigElement config(Uploads uploads) {
        // Parts are streamed to disk past 64 KB; a part over the limit stops the parse there.
        return new MultipartConfigElement(
                System.getProperty("java.io.tmpdir"), uploads.maxBytes(), maxRequest(uploads), 64 * 1024);
    }

    static long maxRequest(Uploads uploads) {
        return uploads.maxBytes() * Messages.MAX_FILES + Requests.MAX_BODY;
    }

    static boolean isMultipart(HttpServletRequest req) {
        String type = req.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    }

    /**
     * Stores each file of the form's paperclip field and returns their ids, plus the ids of files
     * uploaded before (hidden {@code files} fields); an empty paperclip sends no part worth storing.
     */
    static List<String> store(HttpServletRequest req, Principal me, Uploads uploads) throws IOException {
        var ids = new ArrayList<String>();
        // Parsed here first, so that a part over the limit is told as such (reading a field would parse it too).
        java.util.Collection<Part> parts = isMultipart(req) ? parts(req, uploads) : List.of();
        String[] earlier = req.getParameterValues("files");
        if (earlier != null) for (String id : earlier) if (!id.isBlank()) ids.add(id);
        for (Part part : parts) {
            if (!part.getName().equals(FIELD) || part.getSubmittedFileName() == null) continue;
            if (part.getSubmittedFileName().isEmpty() && part.getSize() == 0) continue;
            try (InputStream in = part.getInputStream()) {
                ids.add(uploads.upload(me, part.getSubmittedFileName(), in, null)
                        .file()
                        .id());
            } finally {
                part.delete();
            }
        }
        return ids;
    }

    private static java.util.Collection<Part> parts(HttpServletRequest req, Uploads uploads) throws IOException {
        try {
            return req.getParts();
        } catch (ServletException | IllegalStateException | org.eclipse.jetty.http.BadMessageException e) {
            throw new ChatException(
                    ErrorCode.TOO_LARGE,
                    "file",
                    "A file in this form is larger than the limit of " + Uploads.readable(uploads.maxBytes())
                            + " per file, or the form is malformed.");
        }
    }
}
