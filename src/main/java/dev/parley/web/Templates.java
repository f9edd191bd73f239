package dev.parley.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.resolve.DirectoryCodeResolver;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** JTE, precompiled into the jar; in dev mode compiled from {@code templates/} and reloaded on change. */
public final class Templates {

    private final TemplateEngine engine;

    public Templates(boolean dev) {
        this.engine = dev
                ? TemplateEngine.create(new DirectoryCodeResolver(Path.of("templates")), Path.of("target/jte-dev-classes"), ContentType.Html)
                : TemplateEngine.createPrecompiled(ContentType.Html);
    }

    public String render(String template, Map<String, Object> model) {
        var out = new StringOutput();
        engine.render(template, model, out);
        return out.toString();
    }

    void write(HttpServletResponse res, int status, String template, Map<String, Object> model) throws IOException {
        String html = render(template, model);
        res.setStatus(status);
        res.setContentType("text/html;charset=utf-8");
        res.setHeader("Cache-Control", "no-store");
        res.getWriter().write(html);
    }
}
