package org.skillbroker.webex;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The token endpoint's form: encoded as a form, and never printed with its values. */
class TokenFormTest {

    @Test
    void namesAndValuesAreFormEncodedInOrder() {
        TokenForm form = new TokenForm().add("client_id", "C1").add("client_secret", "s&x=y+z ü")
                .add("redirect_uri", "https://b.example/skill-broker/oauth/callback");

        assertEquals("client_id=C1&client_secret=s%26x%3Dy%2Bz+%C3%BC"
                + "&redirect_uri=https%3A%2F%2Fb.example%2Fskill-broker%2Foauth%2Fcallback", form.encoded());
    }

    @Test
    void itsTextNamesTheFieldsButNoValue() {
        TokenForm form = new TokenForm().add("client_secret", "the-client-secret")
                .add("refresh_token", "the-refresh-token");

        assertEquals("TokenForm[client_secret, refresh_token]", form.toString());
        assertFalse(String.valueOf(form).contains("the-"), "a value was printed");
    }
}
