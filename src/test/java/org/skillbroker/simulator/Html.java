package org.skillbroker.simulator;

/** HTML escaping and the shared page frame of the simulator's human-facing pages. */
final class Html {

    private Html() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
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

    static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                 body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
                 h1{font-size:1.4rem} .banner{background:#fff4ce;border:1px solid #e0c45c;padding:.4rem .8rem;border-radius:4px}
                 fieldset{border:1px solid #ccc;border-radius:6px;margin:1rem 0} label{display:block;padding:.3rem 0}
                 .role{color:#555;font-size:.9rem} button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem}
                 #accept{background:#0a7d3b;color:#fff;border:0;border-radius:4px} #deny{border-radius:4px}
                 table{border-collapse:collapse} td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;font-size:.9rem}
                 code{font-size:.85rem}
                </style></head>
                <body><p class="banner">Webex simulator: nothing here talks to the real Webex.</p>
                %s
                </body></html>
                """.formatted(esc(title), body);
    }
}
