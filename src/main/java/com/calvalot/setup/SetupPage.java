package com.calvalot.setup;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.calvalot.dashboard.StaticAssets;

/**
 * GET /setup et GET / : en mode installation, la page d'installation (et / y mène) ; une fois
 * configuré, /setup renvoie au tableau de bord.
 */
public class SetupPage {

    static final String PAGE = "setup.html";

    private final SetupEndpoint setup;
    private final StaticAssets assets;

    public SetupPage(SetupEndpoint setup, StaticAssets assets) {
        this.setup = setup;
        this.assets = assets;
    }

    /** GET /setup */
    public void page(Exchange exchange) {
        if (setup.configured()) {
            redirect(exchange, "/");
        } else {
            assets.serve(exchange, PAGE);
        }
    }

    /** GET / : le tableau de bord, ou la page d'installation tant que rien n'est configuré. */
    public void dashboard(Exchange exchange) {
        if (setup.configured()) {
            assets.index(exchange);
        } else {
            redirect(exchange, "/setup");
        }
    }

    private static void redirect(Exchange exchange, String location) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 302);
        message.setHeader("Location", location);
        message.setHeader("Cache-Control", "no-store");
        message.setBody(null);
    }
}
