package dev.parley.chat;

import java.util.List;
import java.util.Set;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.autolink.AutolinkType;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * The chat subset of Markdown: bold, italic, strikethrough, inline code, fenced code blocks,
 * quotes, lists, links and web addresses. Headings, rules and indented code are left as the text
 * people typed (a line starting with "#" or four spaces is rarely meant as markup in a chat);
 * raw HTML is shown as text, never passed through; an image becomes a link to it, so no page
 * loads anything from elsewhere. jsoup's allow-list runs last, so whatever the Markdown library
 * lets slip still cannot become script.
 */
final class Markdown {

    private static final Parser PARSER = Parser.builder()
            .enabledBlockTypes(Set.of(FencedCodeBlock.class, BlockQuote.class, ListBlock.class))
            .extensions(List.of(
                    StrikethroughExtension.builder().requireTwoTildes(true).build(),
                    AutolinkExtension.builder().linkTypes(AutolinkType.URL).build()))
            .build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .softbreak("<br>")
            .extensions(List.of(StrikethroughExtension.create()))
            .nodeRendererFactory(LinksOnlyToTheWeb::new)
            .build();
    private static final Safelist SAFE = new Safelist()
            .addTags("a", "br", "p", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li")
            .addAttributes("a", "href")
            .addAttributes("ol", "start")
            .addProtocols("a", "href", "http", "https")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
            .addEnforcedAttribute("a", "target", "_blank");
    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    private Markdown() {}

    /** Markup for {@code text}; a message of one paragraph is not wrapped in {@code <p>}, as most are. */
    static String toHtml(String text) {
        Node document = PARSER.parse(text);
        Node only = document.getFirstChild();
        String html;
        if (only instanceof Paragraph && only.getNext() == null) {
            var inline = new StringBuilder();
            for (Node n = only.getFirstChild(); n != null; n = n.getNext()) inline.append(RENDERER.render(n));
            html = inline.toString();
        } else {
            html = RENDERER.render(document).strip();
        }
        return Jsoup.clean(html, "", SAFE, COMPACT);
    }

    /** Links to http and https addresses stay links; any other link, and every image, shows as what it says. */
    private static final class LinksOnlyToTheWeb implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;

        LinksOnlyToTheWeb(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Link.class, Image.class);
        }

        @Override
        public void render(Node node) {
            boolean image = node instanceof Image;
            String destination = image ? ((Image) node).getDestination() : ((Link) node).getDestination();
            if (destination == null || !destination.matches("(?i)https?://.+")) {
                // Shown as typed: a link elsewhere (javascript:, data:...) is text, never a link.
                html.text(image ? "![" : "[");
                children(node);
                html.text("](" + (destination == null ? "" : destination) + ")");
                return;
            }
            String rest = "";
            if (isAutolink(node, destination)) {
                // A web address ends at a quote, as people mean it ('see https://x.org/'): the quote is text.
                int quote = firstQuote(destination);
                if (quote > 0) {
                    rest = destination.substring(quote);
                    destination = destination.substring(0, quote);
                }
                html.tag("a", java.util.Map.of("href", context.encodeUrl(destination)));
                html.text(destination);
                html.tag("/a");
                html.text(rest);
                return;
            }
            html.tag("a", java.util.Map.of("href", context.encodeUrl(destination)));
            if (image && node.getFirstChild() == null) html.text(destination);
            children(node);
            html.tag("/a");
        }

        private void children(Node node) {
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) context.render(child);
        }

        private static boolean isAutolink(Node node, String destination) {
            return node.getFirstChild() instanceof Text t && t.getNext() == null && destination.equals(t.getLiteral());
        }

        private static int firstQuote(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '\'' || s.charAt(i) == '"') return i;
            }
            return -1;
        }
    }
}
