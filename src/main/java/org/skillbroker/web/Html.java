package org.skillbroker.web;

/**
 * The admin pages' shell and HTML escaping. Pages are small and server-rendered: no template engine to ship
 * into other people's servers, no script, and one stylesheet from the WAR (CSP {@code style-src 'self'}).
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
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " · Skill Broker</title>"
                + "<link rel=\"stylesheet\" href=\"" + escape(contextPath) + "/assets/broker.css\">"
                + "</head><body><header class=\"top\"><span class=\"brand\">Skill Broker</span></header>"
                + "<main>" + body + "</main></body></html>\n";
    }
}
