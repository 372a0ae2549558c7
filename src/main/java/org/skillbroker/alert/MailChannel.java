package org.skillbroker.alert;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Mails alerts through the container's Jakarta Mail session, looked up in JNDI the way Tomcat ({@code <Resource
 * type="jakarta.mail.Session">}) and WildFly (mail subsystem) admins configure mail: the SMTP host, port, TLS and
 * password stay in the server's configuration, not in the broker's.
 *
 * <p>This is the only class that touches Jakarta Mail. Tomcat has no mail API unless the admin adds it, so the
 * class is loaded only when a mail session is configured (see {@link AlertChannels}).
 */
final class MailChannel implements AlertChannel {

    private final String jndiName;
    private final List<String> to;
    private final Optional<String> from;

    MailChannel(String jndiName, List<String> to, Optional<String> from) {
        this.jndiName = Objects.requireNonNull(jndiName, "jndiName");
        this.to = List.copyOf(to);
        this.from = Objects.requireNonNull(from, "from");
    }

    @Override
    public String name() {
        return "e-mail";
    }

    @Override
    public String target() {
        return String.join(", ", to) + " via " + jndiName;
    }

    @Override
    public void send(Alert alert) throws DeliveryException {
        Session session = session();
        try {
            MimeMessage message = new MimeMessage(session);
            if (from.isPresent()) {
                message.setFrom(new InternetAddress(from.get()));
            } else {
                message.setFrom(); // the session's mail.from, else the local user@host
            }
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", to)));
            message.setSubject(alert.subject(), "UTF-8");
            message.setText(alert.text(), "UTF-8");
            message.setSentDate(Date.from(alert.at()));
            message.setHeader("X-Skill-Broker-Event", alert.kind().slug());
            Transport.send(message);
        } catch (AddressException e) {
            throw new DeliveryException("an alert e-mail address is malformed");
        } catch (MessagingException e) {
            // the class only: an SMTP server's reply may quote the user name or more
            throw new DeliveryException("the mail server refused or could not be reached ("
                    + rootCause(e).getClass().getSimpleName() + ")");
        }
    }

    private Session session() throws DeliveryException {
        // looked up per send: cheap, and a session bound after the broker started is still found
        try {
            Object found = new InitialContext().lookup(jndiName);
            if (found instanceof Session session) {
                return session;
            }
            throw new DeliveryException(jndiName + " is not a jakarta.mail.Session ("
                    + (found == null ? "null" : found.getClass().getName()) + ")");
        } catch (NamingException e) {
            throw new DeliveryException("no mail session at " + jndiName + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
