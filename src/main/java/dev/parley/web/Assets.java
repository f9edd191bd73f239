package dev.parley.web;

/** Addresses of the browser code pages load; third-party files come from the build, never the repository. */
public final class Assets {

    private Assets() {}

    public static final String HTMX = "/webjars/htmx.org/2.0.8/dist/htmx.min.js";
    public static final String HTMX_WS = "/static/vendor/htmx-ext-ws.js";
    public static final String CSS = "/static/parley.css";
    public static final String JS = "/static/parley.js";
    public static final String CHANGES_JS = "/static/changes.js";
    public static final String FILES_JS = "/static/files.js";
    public static final String ICON = "/static/favicon.svg";
}
