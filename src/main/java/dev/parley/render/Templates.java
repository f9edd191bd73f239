package dev.parley.render;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.resolve.DirectoryCodeResolver;
import java.nio.file.Path;
import java.util.Map;

/** JTE, precompiled into the jar; in dev mode compiled from {@code templates/} and reloaded on change. */
public final class Templates {

    private final TemplateEngine engine;

    public Templates(boolean dev) {
        this.engine = dev
                ? TemplateEngine.create(
                        new DirectoryCodeResolver(Path.of("templates")),
                        Path.of("target/jte-dev-classes"),
                        ContentType.Html)
                : TemplateEngine.createPrecompiled(ContentType.Html);
    }

    public String render(String template, Map<String, Object> model) {
        var out = new StringOutput();
        engine.render(template, model, out);
        return out.toString();
    }
}
