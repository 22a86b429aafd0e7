package com.calvalot.dashboard;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * Le filtre d'en-têtes HTTP de Camel, sauf qu'il laisse sortir Cache-Control : sans lui, le
 * navigateur ne saurait pas que la bibliothèque vendue ne change jamais et que la page se revalide.
 */
public class AssetHeaderFilter extends HttpHeaderFilterStrategy {

    @Override
    protected void initialize() {
        super.initialize();
        getOutFilter().remove("cache-control");
    }
}
