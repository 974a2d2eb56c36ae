package org.maillab.transport;

import java.nio.charset.StandardCharsets;

/**
 * A login protocol for the limit tests, built on {@link EchoHandler}: {@code LOGIN user password} answers
 * {@code OK} (and {@link Connection#authenticated()}) for the password {@code right}, otherwise {@code NO}
 * after the delay the server's {@link LoginThrottle} asks for, and then {@code BYE} and close if it says so.
 * The time limit to authenticate answers {@code BYE too slow} and closes.
 */
class LoginHandler extends EchoHandler {

    @Override
    public void onLine(Connection c, byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        if (!text.startsWith("LOGIN ")) {
            super.onLine(c, line);
            return;
        }
        String[] words = text.split(" ");
        if (words.length == 3 && words[2].equals("right")) {
            c.authenticated();
            c.writeLine("OK " + words[1]);
            return;
        }
        LoginThrottle.Verdict verdict = c.loginFailed(words.length > 1 ? words[1] : null);
        c.executeAfter(verdict.delay(), () -> {
            c.writeLine("NO " + verdict.delay().toMillis());
            if (verdict.disconnect()) {
                c.writeLine("BYE");
                c.close();
            }
        });
    }

    @Override
    public void onAuthTimeout(Connection c) {
        c.writeLine("BYE too slow");
        c.close();
    }
}
