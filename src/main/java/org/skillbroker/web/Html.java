package org.skillbroker.web;

/**
 * The admin pages' shell and HTML escaping. Pages are small and server-rendered: no template engine to ship
 * into other people's servers, no inline script, and one stylesheet from the WAR (CSP {@code style-src 'self'}).
 */
public final class Html {

    private Html() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public static String page(String contextPath, String title, String body) {
        return page(Messages.of(java.util.Locale.ENGLISH), contextPath, title, body, null);
    }

    public static String page(Messages msg, String contextPath, String title, String body) {
        return page(msg, contextPath, title, body, null);
    }

    /** @param script a path under the context (e.g. {@code /assets/copy.js}), loaded deferred; null for none */
    public static String page(Messages msg, String contextPath, String title, String body, String script) {
        return "<!DOCTYPE html>\n<html lang=\"" + escape(msg.languageTag()) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"color-scheme\" content=\"light dark\">"
                + "<title>" + escape(title) + " · Skill Broker</title>"
                + "<link rel=\"stylesheet\" href=\"" + escape(contextPath) + "/assets/broker.css\">"
                + (script == null ? "" : "<script defer src=\"" + escape(contextPath + script) + "\"></script>")
                + "</head><body><header class=\"top\"><span class=\"brand\">Skill Broker</span></header>"
                + "<main>" + body + "</main></body></html>\n";
    }
}
