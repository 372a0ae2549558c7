package org.skillbroker.alert;

import org.skillbroker.config.Settings;
import org.skillbroker.webex.WebexHttp;

import java.util.ArrayList;
import java.util.List;

/** Builds the channels the operator configured. */
public final class AlertChannels {

    private static final System.Logger LOG = System.getLogger(AlertChannels.class.getName());

    private AlertChannels() {
    }

    public static List<AlertChannel> from(Settings settings, WebexHttp http) {
        Settings.Alerts alerts = settings.alerts();
        List<AlertChannel> channels = new ArrayList<>();
        if (alerts.webexBotToken().isPresent() && alerts.webexRoomId().isPresent()) {
            channels.add(new WebexSpaceChannel(http, settings.webex().apiBase(), alerts.webexBotToken().get(),
                    alerts.webexRoomId().get()));
        }
        if (alerts.mailSession().isPresent() && !alerts.mailTo().isEmpty()) {
            channels.add(mail(alerts));
        }
        alerts.webhookUrl().ifPresent(url -> channels.add(new WebhookChannel(url, settings.http().connectTimeout(),
                settings.http().readTimeout())));
        return List.copyOf(channels);
    }

    private static AlertChannel mail(Settings.Alerts alerts) {
        try {
            return new MailChannel(alerts.mailSession().get(), alerts.mailTo(), alerts.mailFrom());
        } catch (LinkageError e) {
            String why = "Jakarta Mail is not installed in this server: put jakarta.mail-api and angus-mail into "
                    + "the server's lib directory (see README, Alerts)";
            LOG.log(System.Logger.Level.ERROR, "Alert e-mail unavailable: {0}", why);
            return new UnavailableChannel("e-mail", String.join(", ", alerts.mailTo()), why);
        }
    }
}
