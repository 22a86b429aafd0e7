package com.calvalot.dashboard;

import org.apache.camel.main.Main;

/** Les beans du tableau de bord (routes/dashboard.camel.yaml). */
public final class DashboardBeans {

    private DashboardBeans() {
    }

    public static void bind(Main main) {
        main.bind("staticAssets", new StaticAssets());
        main.bind("assetHeaderFilter", new AssetHeaderFilter());
    }
}
