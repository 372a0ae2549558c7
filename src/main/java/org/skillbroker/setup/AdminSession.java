package org.skillbroker.setup;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.skillbroker.token.Administrator;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the admin's HTTP session holds: who signed in, the CSRF token of its forms, and authorization requests
 * in flight. Nothing in it is a Webex token.
 */
final class AdminSession {

    private static final String SIGNED_IN = AdminSession.class.getName() + ".admin";
    private static final String CSRF = AdminSession.class.getName() + ".csrf";
    private static final String PENDING = AdminSession.class.getName() + ".pending";
    private static final String FLASH = AdminSession.class.getName() + ".flash";
    private static final int MAX_PENDING = 5;

    private AdminSession() {
    }

    static Optional<Administrator> admin(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((Administrator) session.getAttribute(SIGNED_IN));
    }

    /**
     * Signs the admin in. The session id changes first, so an id planted before sign-in is worthless
     * (session fixation), and the CSRF token is renewed with it.
     */
    static void signIn(HttpServletRequest request, Administrator admin) {
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setAttribute(SIGNED_IN, admin);
        session.setAttribute(CSRF, PendingAuthorization.randomToken());
    }

    static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /** Leaves a one-time notice for the next page view, in a session that already exists (none is made for it). */
    static void flash(HttpServletRequest request, Flash flash) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.setAttribute(FLASH, flash);
        }
    }

    /** The notice left by the last action, once: a reload no longer shows it. */
    static Optional<Flash> takeFlash(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        Object flash = session.getAttribute(FLASH);
        session.removeAttribute(FLASH);
        return flash instanceof Flash f ? Optional.of(f) : Optional.empty();
    }

    static String csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        String token = (String) session.getAttribute(CSRF);
        if (token == null) {
            token = PendingAuthorization.randomToken();
            session.setAttribute(CSRF, token);
        }
        return token;
    }

    /** The CSRF token of an existing session, or null; never creates a session (anonymous pages stay stateless). */
    static String existingCsrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(CSRF);
    }

    static boolean hasSession(HttpServletRequest request) {
        return request.getSession(false) != null;
    }

    static boolean csrfValid(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(CSRF);
        String given = request.getParameter("csrf");
        return expected != null && given != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    static void addPending(HttpServletRequest request, PendingAuthorization pending) {
        csrfToken(request); // the session starts here: its forms need their token from now on
        HttpSession session = request.getSession(true);
        synchronized (AdminSession.class) {
            Map<String, PendingAuthorization> all = pendingMap(session);
            all.put(pending.state(), pending);
            // A few tabs may be in flight; older requests beyond that are dropped.
            Iterator<String> oldest = all.keySet().iterator();
            while (all.size() > MAX_PENDING && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
            session.setAttribute(PENDING, all);
        }
    }

    /** Takes (and so forgets) the request with this state: a state works once. */
    static Optional<PendingAuthorization> takePending(HttpServletRequest request, String state) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        synchronized (AdminSession.class) {
            Map<String, PendingAuthorization> all = pendingMap(session);
            PendingAuthorization pending = all.remove(state);
            session.setAttribute(PENDING, all);
            return Optional.ofNullable(pending);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, PendingAuthorization> pendingMap(HttpSession session) {
        Object value = session.getAttribute(PENDING);
        return value instanceof LinkedHashMap<?, ?> map ? (LinkedHashMap<String, PendingAuthorization>) map
                : new LinkedHashMap<>();
    }

    static boolean expired(PendingAuthorization pending, Instant now, java.time.Duration ttl) {
        return now.isAfter(pending.createdAt().plus(ttl));
    }
}
